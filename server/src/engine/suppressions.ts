// Justified suppressions: the `sterile-ignore…` comments a file carries in its own comment syntax,
// and the `suppress:` entries of the project config for files that cannot hold comments. Parsing,
// validation and application live here, host-independent (no Node APIs): the CLI and the language
// server both call `applySuppressions` after the engine has analysed a file.
//
// Grammar (inside a comment; the directive must open the comment's text):
//   sterile-ignore <rule-id>[,<rule-id>…] [until=YYYY-MM-DD] [by=<name>] -- <justification>
//   sterile-ignore-next-line …   applies to the next line holding code (blank and comment-only
//                                lines are skipped, so a reviewer's note may sit in between)
//   sterile-ignore-file …        only in the file's leading comment block
// A suppression covers findings whose START line is its target line. `until` is inclusive, in UTC.
//
// Problems a file shows on its own (malformed, no justification, expired, misplaced) are reported
// by the `invalid-suppression` rule during analysis; problems that need the catalog (unknown rule
// ids) or every finding of the file (unused suppressions) are reported here. Either way an invalid
// suppression suppresses nothing.
//
// Everything here is linear in the text: each lexer walks its line once, and searches for a
// comment's or string's end are cached, never repeated per line.

import { LANGUAGES, type LanguageId } from "../../../grammars/registry.ts";
import { LineIndex } from "./line-index.ts";
import { JUSTIFICATION_PLACEHOLDER } from "./suppression-comment.ts";
import type { Finding, Severity, SourceFile, Span, TextRange } from "./types.ts";

export const INVALID_SUPPRESSION = "invalid-suppression";

export type DirectiveForm = "line" | "next-line" | "file";

const KEYWORD = "sterile-ignore";
const FORM_SUFFIX: readonly [suffix: string, form: DirectiveForm][] = [
  ["-next-line", "next-line"],
  ["-file", "file"],
];
const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Words that hold a justification's place without being one (the editor's snippet inserts the first). */
const PLACEHOLDERS = new Set([JUSTIFICATION_PLACEHOLDER, "todo", "tbd", "fixme", "xxx", "n/a", "none"]);

export interface SuppressionDirective {
  readonly form: DirectiveForm;
  /** Rule ids as written (aliases not yet resolved), without duplicates. */
  readonly ruleIds: readonly string[];
  readonly justification?: string;
  /** Inclusive last day, `YYYY-MM-DD`, UTC. */
  readonly until?: string;
  readonly by?: string;
  /** From the keyword to the end of the directive's text on its line (comment closer excluded). */
  readonly span: Span;
  /** Zero-based line the directive is written on. */
  readonly line: number;
  /** Zero-based line whose findings it covers; absent for `file` and when no line qualifies. */
  readonly target?: number;
  /** What is wrong with it from the text alone (malformed, no justification, misplaced). */
  readonly problems: readonly string[];
}

/** How a finding was suppressed; reports keep suppressed findings with this attached. */
export interface Suppression {
  /** SARIF's kinds: a comment in the file, or an entry in the project config. */
  readonly kind: "inSource" | "external";
  readonly status: "accepted";
  readonly form: DirectiveForm | "config";
  readonly justification: string;
  readonly until?: string;
  readonly by?: string;
  /** Where it is written: the file and zero-based line of the comment, or of the config entry. */
  readonly location: { readonly path: string; readonly line: number; readonly range?: TextRange };
  /** The config entry's path glob. */
  readonly pattern?: string;
}

/** A valid suppression and how many findings it covered, for audit reports. */
export interface AcceptedSuppression extends Suppression {
  /** Canonical rule ids it names. */
  readonly rules: readonly string[];
  /** File it applies to (inline), or undefined for config entries (their `pattern` says). */
  readonly appliesTo?: string;
  readonly suppressed: number;
}

// ---------------------------------------------------------------------------------------------
// Lexing: which lines hold code, and where comment bodies are.

interface CommentBody {
  readonly start: number;
  readonly end: number;
}

interface LineInfo {
  /** Holds something other than blanks and comments. */
  code: boolean;
  /** Comment texts on this line, openers and closers excluded. */
  readonly comments: CommentBody[];
}

const TAB = 9;
const SPACE = 32;
const DQ = 34;
const HASH = 35;
const SQ = 39;
const STAR = 42;
const DOT = 46;
const SLASH = 47;
const BACKSLASH = 92;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === 11 || code === 12;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIdentStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

function isIdentPart(code: number): boolean {
  return isIdentStart(code) || isDigit(code);
}

function newLine(): LineInfo {
  return { code: false, comments: [] };
}

/** Index just past a quoted literal opened at `open`, ending at the line's end if unterminated. */
function skipQuoted(text: string, open: number, end: number, quote: number, escapes: boolean): number {
  for (let i = open + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (escapes && code === BACKSLASH) i++;
    else if (code === quote) return i + 1;
  }
  return end;
}

const RAW_PREFIXES = new Set(["R", "LR", "uR", "UR", "u8R"]);

// C and C++ (and devicetree): `//` and `/* */` comments, strings, characters, numbers with `'`
// separators, C++ raw strings.
function lexC(text: string, lines: LineIndex, cpp: boolean): LineInfo[] {
  const out: LineInfo[] = [];
  let blockEnd = -1; // offset of an open block comment's `*/` (text.length when unterminated)
  let rawEnd = -1; // offset just past an open raw string
  let continuedLineComment = false;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const end = lines.lineEnd(l);
    const info = newLine();
    out.push(info);
    let i = start;
    if (rawEnd > start) {
      info.code = true;
      if (rawEnd >= end) continue;
      i = rawEnd;
      rawEnd = -1;
    }
    if (continuedLineComment) {
      info.comments.push({ start, end });
      continuedLineComment = end > start && text.charCodeAt(end - 1) === BACKSLASH;
      continue;
    }
    if (blockEnd >= 0) {
      if (blockEnd >= end) {
        info.comments.push({ start: i, end });
        continue;
      }
      info.comments.push({ start: i, end: blockEnd });
      i = blockEnd + 2;
      blockEnd = -1;
    }
    while (i < end) {
      const code = text.charCodeAt(i);
      if (isBlank(code)) {
        i++;
        continue;
      }
      const next = text.charCodeAt(i + 1);
      if (code === SLASH && next === SLASH) {
        info.comments.push({ start: i + 2, end });
        continuedLineComment = text.charCodeAt(end - 1) === BACKSLASH;
        break;
      }
      if (code === SLASH && next === STAR) {
        const close = text.indexOf("*/", i + 2);
        const closeAt = close < 0 ? text.length : close;
        if (closeAt >= end) {
          info.comments.push({ start: i + 2, end });
          blockEnd = closeAt;
          break;
        }
        info.comments.push({ start: i + 2, end: closeAt });
        i = closeAt + 2;
        continue;
      }
      info.code = true;
      if (code === DQ || code === SQ) {
        i = skipQuoted(text, i, end, code, true);
      } else if (isIdentStart(code)) {
        let j = i + 1;
        while (j < end && isIdentPart(text.charCodeAt(j))) j++;
        if (cpp && text.charCodeAt(j) === DQ && RAW_PREFIXES.has(text.slice(i, j))) {
          const paren = text.indexOf("(", j + 1);
          const delimiter = paren > j && paren - j <= 17 ? text.slice(j + 1, paren) : undefined;
          if (delimiter !== undefined && !/[\s\\)]/.test(delimiter)) {
            const close = text.indexOf(`)${delimiter}"`, paren + 1);
            const after = close < 0 ? text.length : close + delimiter.length + 2;
            if (after > end) {
              rawEnd = after;
              break;
            }
            i = after;
            continue;
          }
        }
        i = j;
      } else if (isDigit(code) || (code === DOT && isDigit(next))) {
        // A preprocessing number: digits, letters, `.`, exponent signs and C++14/C23 `'` separators.
        let j = i + 1;
        while (j < end) {
          const c = text.charCodeAt(j);
          if (isIdentPart(c) || c === DOT) j++;
          else if (c === SQ && isIdentPart(text.charCodeAt(j + 1))) j += 2;
          else if ((c === 43 || c === 45) && /[eEpP]/.test(text[j - 1] ?? "")) j++;
          else break;
        }
        i = j;
      } else {
        i++;
      }
    }
  }
  return out;
}

/** Visual indentation, tabs to the next multiple of eight (Kconfig's rule). */
function indentOf(text: string, start: number, end: number): { width: number; content: number } {
  let width = 0;
  let i = start;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE) width++;
    else if (code === TAB) width = (Math.floor(width / 8) + 1) * 8;
    else break;
  }
  return { width, content: i };
}

/** Kconfig definitions: `#` outside strings; help text is text, whatever it holds. */
function lexKconfigDef(text: string, lines: LineIndex): LineInfo[] {
  const out: LineInfo[] = [];
  let help: { keyword: number; text?: number } | undefined;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const end = lines.lineEnd(l);
    const info = newLine();
    out.push(info);
    const { width, content } = indentOf(text, start, end);
    if (content === end) continue;
    if (help) {
      help.text ??= width > help.keyword ? width : undefined;
      if (help.text !== undefined && width >= help.text) {
        info.code = true;
        continue;
      }
      help = undefined;
    }
    let i = content;
    let codeEnd = end;
    while (i < end) {
      const code = text.charCodeAt(i);
      if (code === HASH) {
        info.comments.push({ start: i + 1, end });
        codeEnd = i;
        break;
      }
      if (!isBlank(code)) info.code = true;
      i = code === DQ || code === SQ ? skipQuoted(text, i, end, code, true) : i + 1;
    }
    const statement = text.slice(content, codeEnd).trim();
    if (statement === "help" || statement === "---help---") help = { keyword: width };
  }
  return out;
}

/** TOML: `#` outside basic, literal and multi-line strings. */
function lexToml(text: string, lines: LineIndex): LineInfo[] {
  const out: LineInfo[] = [];
  let open: '"""' | "'''" | undefined;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const end = lines.lineEnd(l);
    const info = newLine();
    out.push(info);
    let i = start;
    if (open) {
      info.code = true;
      const close = multilineClose(text, i, end, open);
      if (close < 0) continue;
      i = close;
      open = undefined;
    }
    while (i < end) {
      const code = text.charCodeAt(i);
      if (isBlank(code)) {
        i++;
        continue;
      }
      if (code === HASH) {
        info.comments.push({ start: i + 1, end });
        break;
      }
      info.code = true;
      if (code === DQ || code === SQ) {
        const triple = code === DQ ? '"""' : "'''";
        if (text.startsWith(triple, i)) {
          const close = multilineClose(text, i + 3, end, triple);
          if (close < 0) {
            open = triple;
            break;
          }
          i = close;
        } else {
          i = skipQuoted(text, i, end, code, code === DQ);
        }
      } else {
        i++;
      }
    }
  }
  return out;
}

/** Index just past the closing triple quote on this line, or -1. */
function multilineClose(text: string, from: number, end: number, triple: '"""' | "'''"): number {
  for (let i = from; i < end; i++) {
    if (triple === '"""' && text.charCodeAt(i) === BACKSLASH) {
      i++;
      continue;
    }
    if (text.startsWith(triple, i)) {
      let after = i + 3;
      // Up to two quotes may sit just inside the closer (`""""` ends with a quote in the value).
      while (after < end && after < i + 5 && text[after] === triple[0]) after++;
      return after;
    }
  }
  return -1;
}

const YAML_QUOTE_AFTER = new Set([":", "-", "?", "[", "{", ","]);

/** YAML: `#` after a blank or at the line's start, outside quoted scalars and block scalars. */
function lexYaml(text: string, lines: LineIndex): LineInfo[] {
  const out: LineInfo[] = [];
  let openQuote: number | undefined;
  let blockParent = -1;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const end = lines.lineEnd(l);
    const info = newLine();
    out.push(info);
    const { width, content } = indentOf(text, start, end);
    if (blockParent >= 0) {
      if (content === end) continue;
      if (width > blockParent) {
        info.code = true;
        continue;
      }
      blockParent = -1;
    }
    let i = start;
    let previous = ""; // last non-blank character outside a comment
    if (openQuote !== undefined) {
      info.code = true;
      const close = yamlQuoteClose(text, i, end, openQuote);
      if (close < 0) continue;
      i = close;
      openQuote = undefined;
      previous = '"';
    }
    let codeEnd = end;
    while (i < end) {
      const code = text.charCodeAt(i);
      if (isBlank(code)) {
        i++;
        continue;
      }
      if (code === HASH && (i === start || isBlank(text.charCodeAt(i - 1)))) {
        info.comments.push({ start: i + 1, end });
        codeEnd = i;
        break;
      }
      info.code = true;
      if ((code === DQ || code === SQ) && (i === content || YAML_QUOTE_AFTER.has(previous))) {
        const close = yamlQuoteClose(text, i + 1, end, code);
        if (close < 0) {
          openQuote = code;
          break;
        }
        i = close;
        previous = text[i - 1] ?? "";
        continue;
      }
      previous = text[i] ?? "";
      i++;
    }
    if (openQuote === undefined && info.code && endsWithBlockIndicator(text, content, codeEnd)) blockParent = width;
  }
  return out;
}

/** Index just past the quote closing a YAML scalar, or -1 when it continues on the next line. */
function yamlQuoteClose(text: string, from: number, end: number, quote: number): number {
  for (let i = from; i < end; i++) {
    const code = text.charCodeAt(i);
    if (quote === DQ && code === BACKSLASH) i++;
    else if (code === quote) {
      if (quote === SQ && text.charCodeAt(i + 1) === SQ) i++;
      else return i + 1;
    }
  }
  return -1;
}

/** `key: |`, `- >-`, `|2+`: the line opens a block scalar. */
function endsWithBlockIndicator(text: string, content: number, codeEnd: number): boolean {
  let j = codeEnd;
  while (j > content && isBlank(text.charCodeAt(j - 1))) j--;
  let modifiers = 0;
  while (j > content && modifiers < 2 && /[+\-0-9]/.test(text[j - 1] ?? "")) {
    j--;
    modifiers++;
  }
  const indicator = text[j - 1];
  if (indicator !== "|" && indicator !== ">") return false;
  return j - 1 === content || isBlank(text.charCodeAt(j - 2));
}

const NOT_SET = /^#[ \t]*CONFIG_[A-Za-z0-9_]+[ \t]+is not set[ \t]*$/;

/** Kconfig values, key/value configs and INI: only a whole line can be a comment. */
function lexWholeLine(text: string, lines: LineIndex, language: LanguageId): LineInfo[] {
  const openers = LANGUAGES[language].comments.line;
  const out: LineInfo[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const end = lines.lineEnd(l);
    const { content } = indentOf(text, lines.lineStart(l), end);
    const info = newLine();
    out.push(info);
    if (content === end) continue;
    const opener = openers.find((o) => text.startsWith(o, content));
    // `# CONFIG_X is not set` is how Kconfig writes `n`: data, not a comment.
    if (opener && !(language === "kconfig" && NOT_SET.test(text.slice(content, end)))) info.comments.push({ start: content + opener.length, end });
    else info.code = true;
  }
  return out;
}

function lexNone(text: string, lines: LineIndex): LineInfo[] {
  const out: LineInfo[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const end = lines.lineEnd(l);
    out.push({ code: indentOf(text, lines.lineStart(l), end).content < end, comments: [] });
  }
  return out;
}

function lex(text: string, lines: LineIndex, language: LanguageId): LineInfo[] {
  switch (language) {
    case "c":
    case "devicetree":
      return lexC(text, lines, false);
    case "cpp":
      return lexC(text, lines, true);
    case "kconfig-def":
      return lexKconfigDef(text, lines);
    case "toml":
      return lexToml(text, lines);
    case "yaml":
      return lexYaml(text, lines);
    case "kconfig":
    case "keyvalue":
    case "ini":
      return lexWholeLine(text, lines, language);
    case "json":
    case "pem":
      return lexNone(text, lines);
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing directives.

/** A real calendar date in `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today in UTC as `YYYY-MM-DD`, the form `until=` is compared with. */
export function utcDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

interface Token {
  readonly text: string;
  readonly start: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isBlank(text.charCodeAt(i))) i++;
    if (i > start) out.push({ text: text.slice(start, i), start });
  }
  return out;
}

/** Index of the ` -- ` separating the head from the justification (a `--` standing alone), or -1. */
function separatorIndex(text: string): number {
  for (let at = text.indexOf("--"); at >= 0; at = text.indexOf("--", at + 1)) {
    const before = at === 0 || isBlank(text.charCodeAt(at - 1));
    const after = at + 2 >= text.length || isBlank(text.charCodeAt(at + 2));
    if (before && after) return at;
  }
  return -1;
}

function hasWordCharacter(text: string): boolean {
  for (const ch of text) if (/[\p{L}\p{N}]/u.test(ch)) return true;
  return false;
}

interface ParsedHead {
  ruleIds: string[];
  until?: string;
  by?: string;
  problems: string[];
}

function parseHead(head: string, hasSeparator: boolean): ParsedHead {
  const parsed: ParsedHead = { ruleIds: [], problems: [] };
  const list = tokens(head);
  let index = 0;
  // Rule ids first: `a,b`, `a, b` and `a ,b` all read as two ids; `a b` is missing a comma.
  const idText: string[] = [];
  for (; index < list.length && !list[index]!.text.includes("="); index++) {
    const token = list[index]!.text;
    const previous = idText[idText.length - 1];
    if (previous !== undefined && !previous.endsWith(",") && !token.startsWith(",")) {
      // Without a separator the rest is most likely a justification missing its `--`.
      if (!hasSeparator) break;
      parsed.problems.push(`separate rule ids with commas ("${previous} ${token}")`);
    }
    idText.push(token);
  }
  const ids = idText.join("").split(",");
  for (const [i, id] of ids.entries()) {
    if (id === "") {
      if (i > 0 && i < ids.length - 1) parsed.problems.push("empty rule id between commas");
      continue;
    }
    if (!RULE_ID.test(id)) parsed.problems.push(`"${id}" is not a rule id`);
    else if (!parsed.ruleIds.includes(id)) parsed.ruleIds.push(id);
  }
  if (parsed.ruleIds.length === 0 && parsed.problems.length === 0) parsed.problems.push("names no rule (sterile-ignore <rule-id> -- <justification>)");
  for (; index < list.length; index++) {
    const token = list[index]!.text;
    const eq = token.indexOf("=");
    const key = eq < 0 ? token : token.slice(0, eq);
    const value = eq < 0 ? "" : token.slice(eq + 1);
    if (eq < 0) {
      // Without a separator, words after the options are a justification missing its `--`.
      if (!hasSeparator) break;
      parsed.problems.push(`unexpected "${token}" (rule ids come first, then until= and by=)`);
    } else if (key === "until") {
      if (parsed.until !== undefined) parsed.problems.push("until= given twice");
      else if (!isCalendarDate(value)) parsed.problems.push(`until=${value} is not a date (YYYY-MM-DD)`);
      else parsed.until = value;
    } else if (key === "by") {
      if (parsed.by !== undefined) parsed.problems.push("by= given twice");
      else if (value === "") parsed.problems.push("by= names nobody");
      else parsed.by = value;
    } else {
      parsed.problems.push(`unknown option "${key}=" (until= and by= are allowed)`);
    }
  }
  return parsed;
}

/** Why a justification does not justify, or undefined when it does. */
export function justificationProblem(justification: string | undefined, how = "write `-- <why this is acceptable>` after the rule ids"): string | undefined {
  const text = (justification ?? "").trim();
  if (!text || !hasWordCharacter(text)) return `no justification (${how})`;
  if (PLACEHOLDERS.has(text.toLowerCase())) return `the justification "${text}" is a placeholder`;
  return undefined;
}

/** Where a comment body's text begins once decoration (`*` of block comments, doubled openers) is skipped. */
function directiveStart(text: string, body: CommentBody): number {
  let k = body.start;
  while (k < body.end && isBlank(text.charCodeAt(k))) k++;
  while (k < body.end && "*/#;!".includes(text[k]!)) k++;
  while (k < body.end && isBlank(text.charCodeAt(k))) k++;
  return k;
}

function parseDirective(text: string, start: number, end: number, line: number): SuppressionDirective & { unknownDirective: boolean } {
  let trimmedEnd = end;
  while (trimmedEnd > start && isBlank(text.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
  const span = { start, end: trimmedEnd };
  let pos = start + KEYWORD.length;
  let form: DirectiveForm = "line";
  for (const [suffix, candidate] of FORM_SUFFIX) {
    if (text.startsWith(suffix, pos)) {
      form = candidate;
      pos += suffix.length;
      break;
    }
  }
  if (pos < trimmedEnd && !isBlank(text.charCodeAt(pos))) {
    let wordEnd = pos;
    while (wordEnd < trimmedEnd && !isBlank(text.charCodeAt(wordEnd))) wordEnd++;
    const word = text.slice(start, wordEnd);
    return { form, ruleIds: [], span, line, problems: [`unknown directive "${word}" (use sterile-ignore, sterile-ignore-next-line or sterile-ignore-file)`], unknownDirective: true };
  }
  const rest = text.slice(pos, trimmedEnd);
  const separator = separatorIndex(rest);
  const head = parseHead(separator < 0 ? rest : rest.slice(0, separator), separator >= 0);
  const justification = separator < 0 ? undefined : rest.slice(separator + 2).trim();
  const problems = [...head.problems];
  const missing = justificationProblem(justification);
  if (missing) problems.push(missing);
  return {
    form,
    ruleIds: head.ruleIds,
    ...(justification ? { justification } : {}),
    ...(head.until ? { until: head.until } : {}),
    ...(head.by ? { by: head.by } : {}),
    span,
    line,
    problems,
    unknownDirective: false,
  };
}

/** Every `sterile-ignore…` directive in a file, with its target line and text-level problems. */
export function parseSuppressions(text: string, language: LanguageId): readonly SuppressionDirective[] {
  if (LANGUAGES[language].comments.line.length === 0 && !LANGUAGES[language].comments.block) return [];
  if (!text.includes(KEYWORD)) return [];
  // The invalid-suppression rule and the host's `applySuppressions` read the same text one after
  // the other (per keystroke in the editor): the second read is answered from the first.
  if (lastParse && lastParse.text === text && lastParse.language === language) return lastParse.directives;
  const directives = Object.freeze(lexDirectives(text, language));
  lastParse = { text, language, directives };
  return directives;
}

let lastParse: { readonly text: string; readonly language: LanguageId; readonly directives: readonly SuppressionDirective[] } | undefined;

function lexDirectives(text: string, language: LanguageId): SuppressionDirective[] {
  const lines = new LineIndex(text);
  const info = lex(text, lines, language);
  const codeLines: number[] = [];
  info.forEach((line, i) => {
    if (line.code) codeLines.push(i);
  });
  const firstCode = codeLines[0] ?? Number.POSITIVE_INFINITY;
  let nextCodeCursor = 0;
  const directives: SuppressionDirective[] = [];
  info.forEach((line, l) => {
    for (const body of line.comments) {
      const k = directiveStart(text, body);
      if (!text.startsWith(KEYWORD, k) || k + KEYWORD.length > body.end) continue;
      const parsed = parseDirective(text, k, body.end, l);
      const problems = [...parsed.problems];
      let target: number | undefined;
      if (parsed.unknownDirective) {
        // Placement rules depend on the form, which an unknown directive does not have.
      } else if (parsed.form === "line") {
        if (line.code) target = l;
        else problems.push("sterile-ignore covers its own line, which holds no code here; use sterile-ignore-next-line above the line instead");
      } else if (parsed.form === "next-line") {
        while (nextCodeCursor < codeLines.length && codeLines[nextCodeCursor]! <= l) nextCodeCursor++;
        target = codeLines[nextCodeCursor];
        if (target === undefined) problems.push("no line of code follows it");
      } else if (l >= firstCode) {
        problems.push("sterile-ignore-file must sit in the file's leading comment block, before any code");
      }
      const { unknownDirective: _, ...directive } = parsed;
      directives.push({ ...directive, ...(target !== undefined ? { target } : {}), problems });
    }
  });
  return directives;
}

// ---------------------------------------------------------------------------------------------
// Validation against the calendar and the catalog.

/** Problems of a directive that depend on the date but not on the catalog. */
export function timeProblems(until: string | undefined, today: string): string[] {
  return until !== undefined && until < today ? [`expired on ${until} (until= is inclusive, UTC)`] : [];
}

/** Problems the `invalid-suppression` rule reports while analysing the file alone. */
export function localProblems(directive: SuppressionDirective, today: string): string[] {
  const problems = [...directive.problems, ...timeProblems(directive.until, today)];
  if (directive.ruleIds.includes(INVALID_SUPPRESSION)) problems.push(`${INVALID_SUPPRESSION} findings cannot be suppressed; fix the suppression instead`);
  return problems;
}

export function invalidMessage(problems: readonly string[]): string {
  return `Invalid suppression, suppresses nothing: ${problems.join("; ")}`;
}

/** Resolves a rule id or alias to the catalog's id; undefined for ids the catalog does not hold. */
export type RuleResolver = (id: string) => string | undefined;

// ---------------------------------------------------------------------------------------------
// Config-file suppressions (`suppress:` in `.sterile.yml`): for JSON, PEM and whole folders.

export interface ConfigSuppressionEntry {
  /** Glob, relative to the config file's folder; the host's matcher interprets it. */
  readonly path: string;
  readonly rules: readonly string[];
  readonly justification: string;
  readonly until?: string;
  readonly by?: string;
  /** One-based line of the entry in the config file. */
  readonly line?: number;
}

interface CompiledEntry {
  readonly entry: ConfigSuppressionEntry;
  readonly matches: (path: string) => boolean;
  readonly rules: ReadonlySet<string>;
  readonly problems: readonly string[];
  readonly range: TextRange;
}

export interface ConfigSuppressions {
  /** The config file, relative to the project root. */
  readonly file: string;
  /** Its text, for code frames around findings on its entries. */
  readonly text: string;
  readonly entries: readonly CompiledEntry[];
}

export interface ConfigSuppressionOptions {
  /** The config file: its path relative to the project root, and its text (for locations). */
  readonly source: { readonly path: string; readonly text: string };
  /**
   * Builds a matcher for an entry's glob that takes a scanned file's path (relative to the project
   * root). The host owns glob semantics and the config-folder-to-root translation.
   */
  readonly matcher: (glob: string) => (path: string) => boolean;
  readonly today: string;
  readonly resolveRule: RuleResolver;
}

export function compileConfigSuppressions(entries: readonly ConfigSuppressionEntry[], options: ConfigSuppressionOptions): ConfigSuppressions {
  const lines = new LineIndex(options.source.text);
  return {
    file: options.source.path,
    text: options.source.text,
    entries: entries.map((entry) => {
      const problems: string[] = [];
      const rules = new Set<string>();
      for (const id of entry.rules) {
        const canonical = options.resolveRule(id);
        if (id === INVALID_SUPPRESSION) problems.push(`${INVALID_SUPPRESSION} findings cannot be suppressed; fix the suppression instead`);
        else if (!canonical) problems.push(`unknown rule "${id}" (see: sterile rules)`);
        else rules.add(canonical);
      }
      const missing = justificationProblem(entry.justification, "give `justification:` a reason");
      if (missing) problems.push(missing);
      if (entry.until !== undefined && !isCalendarDate(entry.until)) problems.push(`until: ${entry.until} is not a date (YYYY-MM-DD)`);
      else problems.push(...timeProblems(entry.until, options.today));
      if (entry.by !== undefined && !/^\S+$/.test(entry.by)) problems.push("by: must be one word");
      const line = Math.max(0, (entry.line ?? 1) - 1);
      const range = lines.range({ start: lines.lineStart(line), end: lines.lineEnd(line) });
      return { entry, matches: options.matcher(entry.path), rules, problems, range };
    }),
  };
}

function configSuppression(config: ConfigSuppressions, compiled: CompiledEntry): Suppression {
  const { entry } = compiled;
  return {
    kind: "external",
    status: "accepted",
    form: "config",
    justification: entry.justification.trim(),
    ...(entry.until ? { until: entry.until } : {}),
    ...(entry.by ? { by: entry.by } : {}),
    location: { path: config.file, line: compiled.range.startPosition.line, range: compiled.range },
    pattern: entry.path,
  };
}

// ---------------------------------------------------------------------------------------------
// Applying suppressions to one file's findings.

export interface SuppressionContext {
  readonly today: string;
  readonly resolveRule: RuleResolver;
  /** With `--report-unused-suppressions`: valid suppressions that covered nothing become findings. */
  readonly reportUnused?: boolean;
  readonly config?: ConfigSuppressions;
  /** Severity of the `invalid-suppression` findings made here, or `off` (default: warning). */
  readonly severity?: Severity | "off";
  /** Whether a rule ran on this file; suppressions naming a rule that did not run are not "unused". */
  readonly ran?: (ruleId: string) => boolean;
}

export type MaybeSuppressed<F extends Finding> = F & { readonly suppression?: Suppression };

export interface FileSuppressions<F extends Finding> {
  /** Every finding given, in the same order; suppressed ones carry `suppression`. */
  readonly findings: MaybeSuppressed<F>[];
  /** `invalid-suppression` findings only the host can make: unknown rule ids, unused suppressions. */
  readonly problems: Finding[];
  /** The file's valid inline suppressions, with how many findings each covered. */
  readonly accepted: AcceptedSuppression[];
  /** How many findings each config entry (by index) covered in this file. */
  readonly configUsage: ReadonlyMap<number, number>;
}

interface ActiveDirective {
  readonly directive: SuppressionDirective;
  readonly rules: ReadonlySet<string>;
  readonly suppression: Suppression;
  readonly used: Map<string, number>;
}

function problemFinding(file: SourceFile, lines: LineIndex, span: Span, message: string, severity: Severity): Finding {
  return { ruleId: INVALID_SUPPRESSION, severity, message, path: file.path, range: lines.range(span), related: [], fixes: [] };
}

export function applySuppressions<F extends Finding>(file: SourceFile, findings: readonly F[], context: SuppressionContext): FileSuppressions<F> {
  const severity = context.severity ?? "warning";
  let index: LineIndex | undefined;
  const lines = () => (index ??= new LineIndex(file.text));
  const problems: Finding[] = [];
  const report = (span: Span, message: string) => {
    if (severity !== "off") problems.push(problemFinding(file, lines(), span, message, severity));
  };
  const byLine = new Map<number, ActiveDirective[]>();
  const fileWide: ActiveDirective[] = [];
  const active: ActiveDirective[] = [];
  for (const directive of parseSuppressions(file.text, file.language)) {
    const rules = new Set<string>();
    const unknown: string[] = [];
    for (const id of directive.ruleIds) {
      const canonical = context.resolveRule(id);
      if (canonical) rules.add(canonical);
      else if (id !== INVALID_SUPPRESSION) unknown.push(id);
    }
    // The rule reported the local problems during analysis; only the catalog's verdict is new here.
    if (unknown.length > 0) report(directive.span, invalidMessage(unknown.map((id) => `unknown rule "${id}" (see: sterile rules)`)));
    if (unknown.length > 0 || localProblems(directive, context.today).length > 0) continue;
    const range = lines().range(directive.span);
    const entry: ActiveDirective = {
      directive,
      rules,
      used: new Map(),
      suppression: {
        kind: "inSource",
        status: "accepted",
        form: directive.form,
        justification: directive.justification ?? "",
        ...(directive.until ? { until: directive.until } : {}),
        ...(directive.by ? { by: directive.by } : {}),
        location: { path: file.path, line: directive.line, range },
      },
    };
    active.push(entry);
    if (directive.form === "file") fileWide.push(entry);
    else if (directive.target !== undefined) byLine.set(directive.target, [...(byLine.get(directive.target) ?? []), entry]);
  }
  const configEntries = (context.config?.entries ?? []).map((compiled, index) => ({ compiled, index })).filter(({ compiled }) => compiled.problems.length === 0 && compiled.matches(file.path));
  const configUsage = new Map<number, number>();
  const out = findings.map((finding): MaybeSuppressed<F> => {
    if (finding.ruleId === INVALID_SUPPRESSION) return finding;
    const candidates = [...(byLine.get(finding.range.startPosition.line) ?? []), ...fileWide];
    const inline = candidates.find((c) => c.rules.has(finding.ruleId));
    if (inline) {
      inline.used.set(finding.ruleId, (inline.used.get(finding.ruleId) ?? 0) + 1);
      return { ...finding, suppression: inline.suppression };
    }
    const external = configEntries.find(({ compiled }) => compiled.rules.has(finding.ruleId));
    if (external && context.config) {
      configUsage.set(external.index, (configUsage.get(external.index) ?? 0) + 1);
      return { ...finding, suppression: configSuppression(context.config, external.compiled) };
    }
    return finding;
  });
  if (context.reportUnused) {
    for (const entry of active) {
      const unused = [...entry.rules].filter((rule) => !entry.used.has(rule) && context.ran?.(rule) !== false);
      if (unused.length === 0) continue;
      const where = entry.directive.form === "file" ? "in this file" : `on line ${(entry.directive.target ?? entry.directive.line) + 1}`;
      report(entry.directive.span, `Unused suppression: no ${unused.join(", ")} finding ${where}; remove it or the rule ids that no longer apply`);
    }
  }
  const accepted = active.map(
    (entry): AcceptedSuppression => ({
      ...entry.suppression,
      rules: [...entry.rules],
      appliesTo: file.path,
      suppressed: [...entry.used.values()].reduce((a, b) => a + b, 0),
    }),
  );
  return { findings: out, problems, accepted, configUsage };
}

/**
 * After every file: `invalid-suppression` findings for invalid config entries (and, with
 * `reportUnused`, for entries that covered nothing), located in the config file; and the valid
 * entries as accepted suppressions for audit reports.
 */
export function settleConfigSuppressions(
  config: ConfigSuppressions,
  usage: ReadonlyMap<number, number>,
  options: { readonly reportUnused?: boolean; readonly severity?: Severity | "off" } = {},
): { problems: Finding[]; accepted: AcceptedSuppression[] } {
  const severity = options.severity ?? "warning";
  const problems: Finding[] = [];
  const accepted: AcceptedSuppression[] = [];
  config.entries.forEach((compiled, index) => {
    const report = (message: string) => {
      if (severity !== "off") problems.push({ ruleId: INVALID_SUPPRESSION, severity, message, path: config.file, range: compiled.range, related: [], fixes: [] });
    };
    if (compiled.problems.length > 0) {
      report(`Invalid suppress: entry for "${compiled.entry.path}", suppresses nothing: ${compiled.problems.join("; ")}`);
      return;
    }
    const suppressed = usage.get(index) ?? 0;
    if (suppressed === 0 && options.reportUnused) {
      report(`Unused suppress: entry: no ${[...compiled.rules].join(", ")} finding in files matching "${compiled.entry.path}"`);
    }
    accepted.push({ ...configSuppression(config, compiled), rules: [...compiled.rules], suppressed });
  });
  return { problems, accepted };
}
