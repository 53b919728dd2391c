// Reading a switch's name: whether it turns a protection on (`VERIFY_SIGNATURE`, `ota_auto_check`)
// or off (`SKIP_SIGNATURE_CHECK`, `disable_auto_update`), so that "off" is judged from the name and
// the value together: `VERIFY_SIGNATURE 0` and `SKIP_SIGNATURE_CHECK 1` are the same defect.

import { nameWords } from "./names.ts";

/** Words that invert a switch: with one of them, `true` turns the protection off. */
export const NEGATION_WORDS: ReadonlySet<string> = new Set([
  "skip", "no", "not", "dont", "disable", "disabled", "without", "never", "bypass", "ignore", "inhibit", "suppress",
]);

export function isNegatedName(words: readonly string[]): boolean {
  return words.some((w) => NEGATION_WORDS.has(w));
}

/**
 * Whether a switch named `name` set to `value` leaves the protection it names off: `false` for
 * a plain name, `true` for an inverted one. `undefined` values (not a switch) are never off.
 */
export function switchLeavesOff(name: string | readonly string[], value: boolean | undefined): boolean {
  if (value === undefined) return false;
  const words = typeof name === "string" ? nameWords(name) : name;
  return isNegatedName(words) ? value : !value;
}
