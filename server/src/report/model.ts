// What a scan hands to the report writers: findings already fingerprinted and framed (with
// secrets masked) while the file text was at hand, so writers never see file contents.

import type { RuleFailure } from "../engine/engine.ts";
import type { AcceptedSuppression, Suppression } from "../engine/suppressions.ts";
import type { Finding, Rule } from "../engine/types.ts";
import type { SkippedFile } from "../cli/walk.ts";
import type { LanguageId } from "../../../grammars/registry.ts";

export interface CodeFrame {
  /** Zero-based line of `lines[0]`. */
  readonly firstLine: number;
  /** Source lines around the finding, secrets masked. */
  readonly lines: readonly string[];
}

export interface ReportedFinding extends Finding {
  /** `sterile/v1` fingerprint: rule + path + hash of normalised, secret-masked content; no line numbers. */
  readonly fingerprint: string;
  readonly frame: CodeFrame;
  /** With `--baseline`: `unchanged` when the baseline holds it (not reported, not counted). */
  readonly baselineState?: "new" | "unchanged";
  /** Set when a justified suppression covers it: kept in JSON and SARIF, counted in text, ignored by the exit code. */
  readonly suppression?: Suppression;
}

export interface ScannedFile {
  readonly path: string;
  readonly language: LanguageId;
  /** SHA-256 (hex) of the bytes read, for evidence reports. */
  readonly sha256?: string;
}

export interface ScanReport {
  readonly tool: { readonly name: string; readonly version: string };
  /** Absolute project root all paths are relative to. */
  readonly root: string;
  readonly commandLine: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly parser: "wasm" | "native";
  readonly rules: readonly Rule[];
  readonly files: readonly ScannedFile[];
  readonly findings: readonly ReportedFinding[];
  readonly skipped: readonly SkippedFile[];
  readonly failures: readonly RuleFailure[];
  /** Files the rules ran on (the others held no trigger word or no rule applies). */
  readonly parsedCount?: number;
  /** The baseline in use, if any, and how many findings it matched. */
  readonly baseline?: { readonly file: string; readonly matched: number };
  /** Every valid suppression (inline and config), with how many findings each covered; for audit reports. */
  readonly suppressions?: readonly AcceptedSuppression[];
}

/** Findings outside the baseline: what JSON lists, suppressed ones with their suppression. */
export function listedFindings(report: ScanReport): readonly ReportedFinding[] {
  return report.findings.filter((f) => f.baselineState !== "unchanged");
}

/** Findings a report shows and the exit code counts: not matched by the baseline, not suppressed. */
export function activeFindings(report: ScanReport): readonly ReportedFinding[] {
  return listedFindings(report).filter((f) => !f.suppression);
}

/** Suppressed findings outside the baseline: kept in JSON and SARIF with their suppression, counted in text. */
export function suppressedFindings(report: ScanReport): readonly ReportedFinding[] {
  return listedFindings(report).filter((f) => f.suppression);
}
