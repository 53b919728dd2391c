// The evidence report behind `sterile report`: what was checked (tool, rule set, scope with a
// SHA-256 per file), what was found (by family, severity, CWE and standard clause), and why each
// accepted risk is acceptable (every suppression with its justification, owner and expiry). This
// module computes the content once; `evidence-html.ts` and `evidence-markdown.ts` only lay it out.

import { createHash } from "node:crypto";
import { basename } from "node:path";
import { cweUrl, FDA_PREMARKET_TOPICS, IEC_62443_4_2, OWASP_IOT_2018 } from "../../../rules/standards.ts";
import type { RuleFailure } from "../engine/engine.ts";
import type { AcceptedSuppression } from "../engine/suppressions.ts";
import { INVALID_SUPPRESSION } from "../engine/suppressions.ts";
import type { Rule, Severity } from "../engine/types.ts";
import type { SkippedFile } from "../cli/walk.ts";
import { activeFindings, suppressedFindings, type ReportedFinding, type ScanReport, type ScannedFile } from "./model.ts";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "note"];

export interface CountRow {
  /** What is counted: a family, severity, CWE id or standard clause id. */
  readonly key: string;
  readonly title: string;
  /** Link for CWE rows. */
  readonly href?: string;
  /** Rules (enabled in this run) that check it. */
  readonly rules: readonly string[];
  readonly active: number;
  readonly suppressed: number;
}

export interface FindingRow {
  readonly severity: Severity;
  readonly ruleId: string;
  readonly family: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly cwe: readonly string[];
  readonly fingerprint: string;
}

export interface SuppressionRow {
  /** `path:line` of the comment, or of the config entry. */
  readonly where: string;
  readonly kind: "inSource" | "external";
  readonly form: AcceptedSuppression["form"];
  readonly rules: readonly string[];
  /** The file it covers, or the config entry's glob. */
  readonly scope: string;
  readonly justification: string;
  readonly by?: string;
  readonly until?: string;
  readonly suppressed: number;
}

export interface RuleRow {
  readonly id: string;
  readonly title: string;
  readonly family: string;
  readonly severity: Severity;
  readonly cwe: readonly string[];
  readonly clauses: readonly string[];
}

export interface Evidence {
  readonly project: string;
  readonly generatedAt: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  /** Rule-set version: the tool version plus a digest of every rule's metadata and docs. */
  readonly ruleSet: { readonly version: string; readonly digest: string; readonly rules: number };
  readonly parser: string;
  readonly commandLine: string;
  /** `none`, or the baseline file and how many findings it matched (those are not listed). */
  readonly baseline: string;
  readonly files: readonly ScannedFile[];
  readonly skipped: readonly SkippedFile[];
  readonly failures: readonly RuleFailure[];
  readonly totals: {
    readonly files: number;
    readonly findings: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    readonly suppressed: number;
    readonly suppressions: number;
    readonly invalidSuppressions: number;
    readonly skipped: number;
    readonly internalErrors: number;
  };
  readonly byFamily: readonly CountRow[];
  readonly bySeverity: readonly CountRow[];
  readonly byCwe: readonly CountRow[];
  readonly byClause: readonly CountRow[];
  readonly findings: readonly FindingRow[];
  readonly suppressions: readonly SuppressionRow[];
  /** Suppressed findings, each with the suppression that covers it. */
  readonly suppressedFindings: readonly (FindingRow & { readonly justification: string; readonly where: string })[];
  readonly rules: readonly RuleRow[];
}

/** A stable digest of what the rules check: ids, severities, languages, mappings and docs. */
export function ruleSetDigest(rules: readonly Rule[]): string {
  const hash = createHash("sha256");
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    hash.update(JSON.stringify([rule.id, rule.family, rule.severity, rule.cwe, rule.languages, rule.standards, rule.fixable ?? null, rule.docs]));
    hash.update("\u0000");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Every standard clause a rule cites, as `scheme id` keys with titles. */
export function ruleClauses(rule: Rule): { key: string; title: string }[] {
  return [
    ...rule.standards.owaspIot.map((id) => ({ key: `OWASP IoT ${id}`, title: OWASP_IOT_2018[id] ?? "unknown item" })),
    ...rule.standards.iec62443.map((id) => ({ key: `IEC 62443-4-2 ${id}`, title: IEC_62443_4_2[id] ?? "unknown requirement" })),
    ...rule.standards.fda.map((id) => ({ key: `FDA ${id}`, title: FDA_PREMARKET_TOPICS[id] ?? id })),
  ];
}

function findingRow(finding: ReportedFinding, rule: Rule | undefined): FindingRow {
  return {
    severity: finding.severity,
    ruleId: finding.ruleId,
    family: rule?.family ?? "unknown",
    path: finding.path,
    line: finding.range.startPosition.line + 1,
    column: finding.range.startPosition.character + 1,
    message: finding.message,
    cwe: rule ? [...rule.cwe] : [],
    fingerprint: finding.fingerprint,
  };
}

function where(path: string, zeroBasedLine: number): string {
  return `${path}:${zeroBasedLine + 1}`;
}

interface Counter {
  title: string;
  href?: string;
  rules: Set<string>;
  active: number;
  suppressed: number;
}

function tally(
  rules: readonly Rule[],
  active: readonly ReportedFinding[],
  suppressed: readonly ReportedFinding[],
  keysOf: (rule: Rule) => { key: string; title: string; href?: string }[],
  order?: readonly string[],
): CountRow[] {
  const counters = new Map<string, Counter>();
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const rule of rules) {
    for (const { key, title, href } of keysOf(rule)) {
      const counter = counters.get(key) ?? { title, rules: new Set<string>(), active: 0, suppressed: 0, ...(href ? { href } : {}) };
      counter.rules.add(rule.id);
      counters.set(key, counter);
    }
  }
  const count = (findings: readonly ReportedFinding[], field: "active" | "suppressed") => {
    for (const finding of findings) {
      const rule = byId.get(finding.ruleId);
      if (!rule) continue;
      for (const { key } of keysOf(rule)) {
        const counter = counters.get(key);
        if (counter) counter[field]++;
      }
    }
  };
  count(active, "active");
  count(suppressed, "suppressed");
  const rows = [...counters.entries()].map(([key, c]) => ({ key, title: c.title, ...(c.href ? { href: c.href } : {}), rules: [...c.rules].sort(), active: c.active, suppressed: c.suppressed }));
  const rank = (key: string) => (order ? order.indexOf(key) : -1);
  return rows.sort((a, b) => rank(a.key) - rank(b.key) || b.active - a.active || b.suppressed - a.suppressed || naturalCompare(a.key, b.key));
}

/** `CR 1.14` after `CR 1.9`, `CWE-798` after `CWE-79`. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

const FAMILY_TITLES: Readonly<Record<string, string>> = {
  credentials: "Hard-coded credentials and key material",
  transport: "Unencrypted or unauthenticated transport",
  updates: "Unauthenticated firmware updates and boot",
  "debug-access": "Open debug access",
  suppression: "Suppression hygiene (the audit trail itself)",
};

const SEVERITY_TITLES: Readonly<Record<Severity, string>> = {
  error: "Fix or justify before release",
  warning: "Review: fix or justify",
  note: "Informational",
};

export interface EvidenceOptions {
  /** When the report was written; defaults to the scan's end. */
  readonly generatedAt?: string;
}

export function buildEvidence(report: ScanReport, options: EvidenceOptions = {}): Evidence {
  const rulesById = new Map(report.rules.map((rule) => [rule.id, rule]));
  const active = activeFindings(report);
  const suppressed = suppressedFindings(report);
  const bySeverity = { error: 0, warning: 0, note: 0 };
  for (const finding of active) bySeverity[finding.severity]++;
  const accepted = [...(report.suppressions ?? [])].sort((a, b) => naturalCompare(where(a.location.path, a.location.line), where(b.location.path, b.location.line)));
  const families = [...new Set(report.rules.map((r) => r.family))];
  return {
    project: basename(report.root) || report.root,
    generatedAt: options.generatedAt ?? report.finishedAt,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    tool: report.tool,
    ruleSet: { version: report.tool.version, digest: ruleSetDigest(report.rules), rules: report.rules.length },
    parser: report.parser,
    commandLine: report.commandLine,
    baseline: report.baseline ? `${report.baseline.file} (${report.baseline.matched} finding${report.baseline.matched === 1 ? "" : "s"} matched and not listed)` : "none",
    files: [...report.files].sort((a, b) => naturalCompare(a.path, b.path)),
    skipped: report.skipped,
    failures: report.failures,
    totals: {
      files: report.files.length,
      findings: active.length,
      bySeverity,
      suppressed: suppressed.length,
      suppressions: accepted.length,
      invalidSuppressions: active.filter((f) => f.ruleId === INVALID_SUPPRESSION).length,
      skipped: report.skipped.length,
      internalErrors: report.failures.length,
    },
    byFamily: tally(report.rules, active, suppressed, (rule) => [{ key: rule.family, title: FAMILY_TITLES[rule.family] ?? rule.family }], families),
    // By the severity each finding was reported at (config overrides and context grading included).
    bySeverity: SEVERITIES.map((severity) => ({
      key: severity,
      title: SEVERITY_TITLES[severity],
      rules: report.rules.filter((r) => r.severity === severity).map((r) => r.id),
      active: active.filter((f) => f.severity === severity).length,
      suppressed: suppressed.filter((f) => f.severity === severity).length,
    })),
    byCwe: tally(report.rules, active, suppressed, (rule) => rule.cwe.map((cwe) => ({ key: cwe, title: cweTitle(rule, cwe), href: cweUrl(cwe) }))),
    byClause: tally(report.rules, active, suppressed, ruleClauses),
    findings: active.map((f) => findingRow(f, rulesById.get(f.ruleId))),
    suppressions: accepted.map((s) => ({
      where: where(s.location.path, s.location.line),
      kind: s.kind,
      form: s.form,
      rules: s.rules,
      scope: s.pattern ?? s.appliesTo ?? "",
      justification: s.justification,
      ...(s.by ? { by: s.by } : {}),
      ...(s.until ? { until: s.until } : {}),
      suppressed: s.suppressed,
    })),
    suppressedFindings: suppressed.map((f) => ({
      ...findingRow(f, rulesById.get(f.ruleId)),
      justification: f.suppression?.justification ?? "",
      where: f.suppression ? where(f.suppression.location.path, f.suppression.location.line) : "",
    })),
    rules: report.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      family: rule.family,
      severity: rule.severity,
      cwe: [...rule.cwe],
      clauses: ruleClauses(rule).map((c) => c.key),
    })),
  };
}

/** The CWE's title as the rule's docs page cites it (`- CWE-798: Use of Hard-coded Credentials; …`). */
function cweTitle(rule: Rule, cwe: string): string {
  const at = rule.docs.indexOf(`${cwe}:`);
  if (at < 0) return "";
  const rest = rule.docs.slice(at + cwe.length + 1);
  const end = rest.search(/[;\n]|\bCWE-\d/);
  return (end < 0 ? rest : rest.slice(0, end)).trim().replace(/[,.]$/, "");
}

/** `2026-03-02 14:05 UTC` from an ISO timestamp. */
export function humanTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
