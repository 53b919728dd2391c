// Pieces of a rule's docs page that reports and the language server quote.

/** The body of a `## Heading` section, without the heading. */
export function docsSection(docs: string, heading: string): string {
  const lines = docs.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim().toLowerCase() === `## ${heading}`.toLowerCase());
  if (start < 0) return "";
  const out: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    if (/^##\s/.test(lines[i]!)) break;
    out.push(lines[i]!);
  }
  return out.join("\n").trim();
}

/** First paragraph of "What it finds", as plain text. */
export function docsSummary(docs: string): string {
  const section = docsSection(docs, "What it finds");
  const paragraph = section.split(/\n\s*\n/)[0] ?? "";
  return paragraph.replace(/\s+/g, " ").replace(/[`*]/g, "").trim();
}
