// The engine: text in → parse → rules → findings. It knows nothing of files on disk, terminals or
// LSP; hosts hand it decoded text and take findings back.

import { LANGUAGES, type LanguageId } from "../../../grammars/registry.ts";
import { configEntries, type ConfigEntry } from "./config-entries.ts";
import { LineIndex } from "./line-index.ts";
import type { ParsedTree, ParserBackend } from "./parser.ts";
import { TriggerSet } from "./prefilter.ts";
import { NO_FACTS, type ProjectFacts } from "./project-facts.ts";
import type { SyntaxNode } from "./syntax.ts";
import type {
  Finding,
  QueryMatch,
  ReportInput,
  Rule,
  RuleContext,
  Severity,
  SeverityOrOff,
  SourceFile,
} from "./types.ts";

export interface RuleFailure {
  readonly ruleId: string;
  readonly path: string;
  readonly message: string;
  readonly stack?: string;
}

export interface AnalysisOptions {
  /** Per-rule severity or `off`, from settings and project config. */
  readonly severities?: ReadonlyMap<string, SeverityOrOff>;
  /** A tree the host already holds for this exact text (the language server's incremental tree). */
  readonly tree?: ParsedTree;
  /** Polled while parsing; returning true abandons the file (time budget, cancellation). */
  readonly shouldStop?: () => boolean;
  /** How the file's role grades findings: as the rule says, one step lower, or not at all. */
  readonly grade?: "keep" | "lower" | "skip";
  /** Skip parsing when no enabled rule's trigger occurs in the text (results are identical). */
  readonly prefilter?: boolean;
  /** Cross-file facts of the scanned set; hosts that lint one document at a time may omit them. */
  readonly project?: ProjectFacts;
}

export interface Analysis {
  readonly findings: Finding[];
  /** Rules that threw on this file: reported, never fatal. */
  readonly failures: RuleFailure[];
  /** False when the parse was abandoned through `shouldStop` or failed (see `parseError`). */
  readonly completed: boolean;
  /** Whether rules ran (false when no rule applies or the prefilter found no trigger). */
  readonly parsed?: boolean;
  /** Why the file could not be parsed (a grammar's limit, e.g. YAML nested deeper than its scanner holds). */
  readonly parseError?: string;
}

/** Nesting depth of indentation levels, in one pass: a stack of increasing indents. */
export function indentationDepth(text: string, limit: number): number {
  const stack: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let end = text.indexOf("\n", lineStart);
    if (end < 0) end = text.length;
    let indent = 0;
    while (lineStart + indent < end && (text[lineStart + indent] === " " || text[lineStart + indent] === "\t")) indent++;
    if (lineStart + indent < end && text[lineStart + indent] !== "#" && text[lineStart + indent] !== "\r") {
      while (stack.length > 0 && stack[stack.length - 1]! >= indent) stack.pop();
      stack.push(indent);
      if (stack.length > limit) return stack.length;
    }
    lineStart = end + 1;
  }
  return stack.length;
}

export class Engine {
  private readonly rulesByLanguage = new Map<LanguageId, Rule[]>();

  private constructor(
    readonly backend: ParserBackend,
    readonly rules: readonly Rule[],
  ) {
    for (const rule of rules) {
      for (const language of rule.languages) {
        const list = this.rulesByLanguage.get(language) ?? [];
        list.push(rule);
        this.rulesByLanguage.set(language, list);
      }
    }
  }

  /** Loads the grammars every rule needs, then returns an engine whose `analyze` is synchronous. */
  static async create(backend: ParserBackend, rules: readonly Rule[]): Promise<Engine> {
    const languages = [...new Set(rules.flatMap((r) => r.languages))].filter((l) => LANGUAGES[l].grammar);
    await backend.load(languages);
    return new Engine(backend, rules);
  }

  /**
   * The severity this engine gives a rule's findings on a file under the given policy, or `off`:
   * for hosts that make findings of a rule themselves (`invalid-suppression` from suppressions).
   */
  severityFor(ruleId: string, policy: { readonly severities?: ReadonlyMap<string, SeverityOrOff>; readonly grade?: "keep" | "lower" | "skip" }): Severity | "off" {
    const rule = this.rules.find((r) => r.id === ruleId);
    const configured = policy.severities?.get(ruleId) ?? rule?.severity ?? "warning";
    if (configured === "off" || policy.grade === "skip") return "off";
    return policy.grade === "lower" ? LOWER_SEVERITY[configured] : configured;
  }

  /** Rules that would run on a file of this language under the given severities. */
  rulesFor(language: LanguageId, severities?: ReadonlyMap<string, SeverityOrOff>): Rule[] {
    return (this.rulesByLanguage.get(language) ?? []).filter((rule) => severities?.get(rule.id) !== "off");
  }

  /** Parses a file with the engine's backend; the caller owns (and releases) the tree. */
  parse(file: SourceFile, options: { oldTree?: ParsedTree; shouldStop?: () => boolean } = {}): ParsedTree | undefined {
    if (!LANGUAGES[file.language].grammar || !this.backend.supports(file.language)) return undefined;
    return this.backend.parse(file.language, file.text, options);
  }

  analyze(file: SourceFile, options: AnalysisOptions = {}): Analysis {
    const candidates = options.grade === "skip" ? [] : this.rulesFor(file.language, options.severities);
    if (candidates.length === 0) return { findings: [], failures: [], completed: true, parsed: false };
    // A rule whose trigger words are all absent cannot fire: it is not run. With the prefilter,
    // a file no rule can fire on is not even parsed.
    const rules = this.gate(file.language, candidates)(file.text);
    if (options.prefilter && rules.length === 0) return { findings: [], failures: [], completed: true, parsed: false };
    const hasGrammar = Boolean(LANGUAGES[file.language].grammar);
    const nestingLimit = LANGUAGES[file.language].maxIndentNesting;
    if (hasGrammar && !options.tree && nestingLimit !== undefined && indentationDepth(file.text, nestingLimit) > nestingLimit) {
      return { findings: [], failures: [], completed: false, parsed: false, parseError: `${LANGUAGES[file.language].title} nested deeper than ${nestingLimit} levels` };
    }
    let ownTree: ParsedTree | undefined;
    try {
      ownTree = hasGrammar && !options.tree ? this.parse(file, options.shouldStop ? { shouldStop: options.shouldStop } : {}) : undefined;
    } catch (error) {
      return { findings: [], failures: [], completed: false, parsed: false, parseError: `the ${file.language} parser failed: ${(error as Error).message}` };
    }
    if (hasGrammar && !options.tree && !ownTree) return { findings: [], failures: [], completed: false, parsed: false };
    try {
      return this.runRules(file, rules, (options.tree ?? ownTree)?.root, options, options.grade === "lower");
    } finally {
      ownTree?.release();
    }
  }

  private readonly gates = new Map<string, (text: string) => Rule[]>();

  /** Which of these rules have a trigger in the text: one linear pass over it for all of them. */
  private gate(language: LanguageId, rules: readonly Rule[]): (text: string) => Rule[] {
    const key = `${language}\u0000${rules.map((r) => r.id).join(",")}`;
    let gate = this.gates.get(key);
    if (!gate) {
      const triggers = rules.flatMap((rule, owner) => (rule.triggers ?? []).map((t) => (typeof t === "string" ? { text: t, scope: "code" as const, owner } : { ...t, owner })));
      const automaton = new TriggerSet(triggers);
      const cLike = language === "c" || language === "cpp" || language === "devicetree";
      gate = (text) => {
        const found = automaton.owners(text, cLike);
        return rules.filter((rule, i) => !rule.triggers || rule.triggers.length === 0 || found.has(i));
      };
      this.gates.set(key, gate);
    }
    return gate;
  }

  /** Which of `types` the language's grammar knows, found once by compiling a probe query per type. */
  private readonly knownTypes = new Map<string, boolean>();

  /** Node types any rule has asked for, per language: one walk per file collects them all. */
  private readonly wantedTypes = new Map<LanguageId, Set<string>>();

  private validTypes(language: LanguageId, types: Iterable<string>): string[] {
    return [...types].filter((type) => {
      const key = `${language}\u0000${type}`;
      let known = this.knownTypes.get(key);
      if (known === undefined) {
        try {
          this.backend.compileQuery(language, `(${type}) @n`);
          known = true;
        } catch {
          known = false;
        }
        this.knownTypes.set(key, known);
      }
      return known;
    });
  }

  /**
   * A per-file index of nodes by type, filled by a single walk inside the parser over every type
   * rules have asked for in this language so far; a request for a new type widens the set and
   * refills once.
   */
  private nodeIndex(language: LanguageId, root: SyntaxNode): (types: readonly string[]) => readonly SyntaxNode[] {
    let byType: Map<string, SyntaxNode[]> | undefined;
    let covered = new Set<string>();
    const answers = new Map<string, readonly SyntaxNode[]>();
    const fill = () => {
      const wanted = this.wantedTypes.get(language) ?? new Set<string>();
      const valid = this.validTypes(language, wanted);
      byType = new Map(valid.map((t) => [t, []]));
      covered = new Set(wanted);
      answers.clear();
      if (valid.length === 0) return;
      // web-tree-sitter's walk returns only ERROR nodes when ERROR is among the types: a query finds those.
      const walked = valid.filter((t) => t !== "ERROR");
      if (walked.length > 0) for (const node of root.descendantsOfType(walked)) if (node) byType.get(node.type)?.push(node);
      if (walked.length < valid.length) {
        for (const match of this.backend.compileQuery(language, "(ERROR) @n").matches(root)) byType.get("ERROR")!.push(match.captures[0]!.node);
      }
    };
    return (requested) => {
      const types = [...new Set(requested)];
      const key = [...types].sort().join(" ");
      const cached = answers.get(key);
      if (cached) return cached;
      if (!byType || types.some((t) => !covered.has(t))) {
        const wanted = this.wantedTypes.get(language) ?? new Set<string>();
        for (const t of types) wanted.add(t);
        this.wantedTypes.set(language, wanted);
        fill();
      }
      const lists = types.map((t) => byType!.get(t) ?? []).filter((l) => l.length > 0);
      // Document order, outer nodes first where two start together, as one query would return them.
      const answer = lists.length <= 1 ? (lists[0] ?? []) : lists.flat().sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
      answers.set(key, answer);
      return answer;
    };
  }

  private runRules(
    file: SourceFile,
    rules: readonly Rule[],
    root: SyntaxNode | undefined,
    options: AnalysisOptions,
    lower: boolean,
  ): Analysis {
    const { severities, shouldStop } = options;
    const project = options.project ?? NO_FACTS;
    const lines = new LineIndex(file.text);
    let entries: ConfigEntry[] | undefined;
    const index = root ? this.nodeIndex(file.language, root) : undefined;
    const nodes = (types: readonly string[]): readonly SyntaxNode[] => (index ? index(types) : []);
    const memos = new Map<string, unknown>();
    const memo = <T,>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    };
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    const seen = new Set<string>();
    for (const rule of rules) {
      // Rules run synchronously; between them is where a time budget can end the file.
      if (shouldStop?.()) return { findings: [], failures, completed: false, parsed: true };
      const override = severities?.get(rule.id);
      const configured: Severity = override && override !== "off" ? override : rule.severity;
      const severity = lower ? LOWER_SEVERITY[configured] : configured;
      const reported: Finding[] = [];
      const context: RuleContext = {
        file,
        root,
        project,
        entries: () => (entries ??= configEntries(file.language, root, file.text)),
        query: (source: string): readonly QueryMatch[] => (root ? this.backend.compileQuery(file.language, source).matches(root) : []),
        nodes,
        memo,
        report: (input: ReportInput) => {
          reported.push(toFinding(rule, severity, file, lines, input));
        },
      };
      try {
        rule.check(context);
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        failures.push({ ruleId: rule.id, path: file.path, message: err.message, ...(err.stack ? { stack: err.stack } : {}) });
        continue;
      }
      for (const finding of reported) {
        const key = `${finding.ruleId}:${finding.range.start}:${finding.range.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
      }
    }
    findings.sort(compareFindings);
    return { findings, failures, completed: true, parsed: true };
  }
}

const LOWER_SEVERITY: Readonly<Record<Severity, Severity>> = { error: "warning", warning: "note", note: "note" };

function toFinding(rule: Rule, severity: Severity, file: SourceFile, lines: LineIndex, input: ReportInput): Finding {
  const elsewhere = input.elsewhere;
  return {
    ruleId: rule.id,
    severity,
    message: input.message ?? rule.message,
    path: elsewhere ? elsewhere.path : file.path,
    range: elsewhere ? elsewhere.range : lines.range(input.span),
    ...(elsewhere ? (elsewhere.secret ? { secret: elsewhere.secret } : {}) : input.secret ? { secret: input.secret } : {}),
    related: (input.related ?? []).map((r) => ({
      path: r.path ?? file.path,
      range: r.range ?? lines.range(r.span),
      message: r.message,
    })),
    fixes: (input.fixes ?? []).map((f) => ({ title: f.title, safety: f.safety, edits: [...f.edits].sort((a, b) => a.start - b.start) })),
  };
}

/** Document order, then rule id: the order every host prints. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.range.start - b.range.start || a.range.end - b.range.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
