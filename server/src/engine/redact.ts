// Secrets never leave the tool in full: messages, code frames, diffs and reports show at most a
// short prefix and the length.

/** `"Tr0ub4dor&3"` → `Tr…(11 chars)`; short values keep at most one character. */
export function redact(value: string): string {
  const chars = [...value];
  if (chars.length === 0) return "(empty)";
  const keep = Math.min(2, Math.floor(chars.length / 4));
  return `${chars.slice(0, keep).join("")}…(${chars.length} chars)`;
}

/**
 * Masks each span of `text` (offsets relative to `base`), keeping at most a two-character prefix.
 * The mask keeps the span's width so code-frame carets still line up.
 */
export function maskSpans(text: string, base: number, spans: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    const start = Math.max(0, span.start - base);
    const end = Math.min(out.length, span.end - base);
    if (end <= start) continue;
    // The prefix is shown only where the secret starts on this line, and never exceeds what is masked.
    const keep = span.start - base >= 0 ? Math.min(2, Math.floor((span.end - span.start) / 4), end - start) : 0;
    out = out.slice(0, start + keep) + "*".repeat(end - start - keep) + out.slice(end);
  }
  return out;
}
