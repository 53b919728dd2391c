// The domain of the engine: rules, the context a rule sees, and the findings it reports.
// Offsets are UTF-16 code-unit indices into the decoded text (what both tree-sitter backends
// report for JavaScript strings); lines and characters are zero-based, as in LSP.

import type { LanguageId } from "../../../grammars/registry.ts";
import type { SyntaxNode } from "./syntax.ts";
import type { ConfigEntry } from "./config-entries.ts";
import type { ProjectFacts } from "./project-facts.ts";

export type Severity = "error" | "warning" | "note";
export type SeverityOrOff = Severity | "off";
export type Family = "credentials" | "transport" | "updates" | "debug-access" | "suppression";
export type FixSafety = "safe" | "unsafe";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { note: 1, warning: 2, error: 3 };

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TextRange extends Span {
  readonly startPosition: Position;
  readonly endPosition: Position;
}

export interface TextEdit extends Span {
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly safety: FixSafety;
  readonly edits: readonly TextEdit[];
}

export interface RelatedLocation {
  readonly path: string;
  readonly range: TextRange;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** One line naming the risk; never holds a secret in full. */
  readonly message: string;
  readonly path: string;
  readonly range: TextRange;
  /** Where the secret value sits, so code frames and snippets can mask it. */
  readonly secret?: Span;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

/** References a rule serves, by scheme; titles live in `standards.ts`. */
export interface StandardRefs {
  /** OWASP IoT Top 10 (2018) items, e.g. `I1`. */
  readonly owaspIot: readonly string[];
  /** IEC 62443-4-2 component requirements, e.g. `CR 1.5`. */
  readonly iec62443: readonly string[];
  /** Topics of the FDA premarket cybersecurity guidance (2023), e.g. `Authentication`. */
  readonly fda: readonly string[];
}

export interface RuleMeta {
  /** Stable forever; renames keep the old id in `aliases`. */
  readonly id: string;
  readonly aliases?: readonly string[];
  readonly family: Family;
  readonly severity: Severity;
  /** Short name shown in listings and SARIF `shortDescription`. */
  readonly title: string;
  /** The default one-line message naming the risk. */
  readonly message: string;
  readonly cwe: readonly string[];
  readonly standards: StandardRefs;
  readonly languages: readonly LanguageId[];
  /** The strongest fix the rule can offer, if any. */
  readonly fixable?: FixSafety;
  /** SARIF `security-severity` when the family default (error 8.0, warning 5.5, note 3.0) is wrong. */
  readonly securitySeverity?: number;
  /**
   * Words (case-insensitive) without which the rule cannot fire in a file; the engine parses a file
   * only if some enabled rule's trigger occurs (outside C comments, unless scope is `anywhere`).
   * A rule without triggers makes every file of its languages parse.
   */
  readonly triggers?: readonly (string | { readonly text: string; readonly scope: "code" | "anywhere" })[];
}

export interface Rule extends RuleMeta {
  /** The rule's docs page (Markdown), shipped with the package. */
  readonly docs: string;
  check(context: RuleContext): void;
}

export interface RelatedInput {
  readonly span: Span;
  readonly message: string;
  /** Another file of the scanned set; defaults to the file being checked. */
  readonly path?: string;
  readonly range?: TextRange;
}

export interface FixInput {
  readonly title: string;
  readonly safety: FixSafety;
  readonly edits: readonly TextEdit[];
}

export interface ReportInput {
  /** Where the finding is, in the file being checked (ignored when `elsewhere` is given). */
  readonly span: Span;
  /**
   * A finding located in another file of the scanned set (a string macro defined in a header,
   * reported from its use); `related` then points back into the file being checked.
   */
  readonly elsewhere?: { readonly path: string; readonly range: TextRange; readonly secret?: Span };
  readonly message?: string;
  readonly secret?: Span;
  readonly related?: readonly RelatedInput[];
  readonly fixes?: readonly FixInput[];
}

export interface SourceFile {
  /** Path relative to the project root, `/`-separated. */
  readonly path: string;
  readonly language: LanguageId;
  readonly text: string;
}

export interface QueryCapture {
  readonly name: string;
  readonly node: SyntaxNode;
}

export interface QueryMatch {
  readonly pattern: number;
  readonly captures: readonly QueryCapture[];
}

export interface RuleContext {
  readonly file: SourceFile;
  /** Root of the syntax tree; absent for languages parsed by our own line parsers (Kconfig definitions, PEM). */
  readonly root: SyntaxNode | undefined;
  /** Facts gathered across the scanned set before analysis (string macros in other files). */
  readonly project: ProjectFacts;
  /** Key/value entries of a config file, whatever its format; empty for C/C++. */
  entries(): readonly ConfigEntry[];
  /** Runs a tree-sitter query (compiled once per language and cached) over the whole tree. */
  query(source: string): readonly QueryMatch[];
  /**
   * Every node of the given types, in document order. Far cheaper than walking the tree from
   * JavaScript (the walk runs inside the parser); shared by all rules on the same file. Types the
   * grammar does not have are ignored.
   */
  nodes(types: readonly string[]): readonly SyntaxNode[];
  /**
   * Computes a whole-file fact once per analysis and shares it between rules (several rules ask for
   * the same C settings). Lives exactly as long as this analysis, like the tree it may point into.
   */
  memo<T>(key: string, compute: () => T): T;
  report(input: ReportInput): void;
}
