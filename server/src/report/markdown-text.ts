// Literal text inside Markdown. Messages quote names from the scanned files (config keys,
// identifiers), so a crafted key must not become a link, an image fetched when the text is shown,
// or HTML: the characters that open markup are escaped. Used by hovers and Markdown reports.

export function plainText(message: string): string {
  return message.replace(/[\\`*_[\]<>&]/g, (ch) => `\\${ch}`);
}
