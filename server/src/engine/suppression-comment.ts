// Writes the `sterile-ignore-next-line <rule-id> -- <justification>` line that hosts insert above a
// finding (the editor's "Suppress with justification", later a CLI flag). The audit issue's
// suppression parser reads the same grammar; this module only writes its simplest form, in the
// file's own line-comment syntax from the grammar registry.

import { LANGUAGES, type LanguageId } from "../../../grammars/registry.ts";

export const SUPPRESS_NEXT_LINE = "sterile-ignore-next-line";
export const JUSTIFICATION_PLACEHOLDER = "justification";

export interface SuppressionLine {
  /** The whole line to insert, indentation and line break included. */
  readonly text: string;
  /** Where the justification placeholder sits within `text`, for hosts that select it for typing. */
  readonly placeholder: { readonly start: number; readonly end: number };
}

/** Why a language cannot carry an inline suppression, or `undefined` when it can. */
export function inlineSuppressionUnavailable(language: LanguageId): string | undefined {
  if (LANGUAGES[language].comments.line.length > 0) return undefined;
  return `${LANGUAGES[language].title} has no comments: suppress it in the project config's \`suppress:\` list instead`;
}

/**
 * The suppression line to insert before a line indented with `indent`, or `undefined` for formats
 * without line comments (JSON, PEM). The line form is used even where trailing comments are
 * allowed: it works in every format and keeps the finding's own line untouched.
 */
export function suppressionLine(
  language: LanguageId,
  ruleId: string,
  indent: string,
  lineBreak: string,
  justification: string = JUSTIFICATION_PLACEHOLDER,
): SuppressionLine | undefined {
  const opener = LANGUAGES[language].comments.line[0];
  if (!opener) return undefined;
  // Whole-line formats (Kconfig values, key/value configs) read leading blanks as data in some
  // tools; a comment at column 0 is always a comment there.
  const lead = LANGUAGES[language].comments.trailing ? indent : "";
  const head = `${lead}${opener} ${SUPPRESS_NEXT_LINE} ${ruleId} -- `;
  return { text: `${head}${justification}${lineBreak}`, placeholder: { start: head.length, end: head.length + justification.length } };
}
