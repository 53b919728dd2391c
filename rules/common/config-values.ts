// Small facts about config entries that rules reporting on them share: the span a finding should
// cover, and how to flip a switch value the way its author wrote it (`false` → `true`, `no` →
// `yes`, `off` → `on`, `0` → `1`, `n` → `y`, keeping the letter case: `False` → `True`).

import type { ConfigEntry } from "../../server/src/engine/config-entries.ts";
import type { Span } from "../../server/src/engine/types.ts";

/**
 * The entry's span without the line break some grammars (INI) keep at its end. Entries whose span
 * leaves the key out (a Kconfig `default` line, an array item) keep their own span.
 */
export function entrySpan(entry: ConfigEntry): Span {
  if (entry.keySpan.start < entry.span.start) return entry.span;
  return { start: entry.span.start, end: Math.min(entry.span.end, Math.max(entry.keySpan.end, entry.valueSpan.end)) };
}

const PAIRS: readonly (readonly [string, string])[] = [
  ["true", "false"],
  ["yes", "no"],
  ["on", "off"],
  ["1", "0"],
  ["y", "n"],
  ["enable", "disable"],
  ["enabled", "disabled"],
];

function matchCase(model: string, word: string): string {
  if (model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  if (model[0] && model[0] === model[0].toUpperCase() && model[0] !== model[0].toLowerCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/** The opposite switch word in the same style, or undefined when `raw` is not a switch word. */
export function flippedSwitch(raw: string): string | undefined {
  const lower = raw.toLowerCase();
  for (const [on, off] of PAIRS) {
    if (lower === on) return matchCase(raw, off);
    if (lower === off) return matchCase(raw, on);
  }
  return undefined;
}
