// The CLI's scan: walk → read and decode → engine → fingerprinted, framed findings. File contents
// live only while their file is analysed; the report keeps findings and masked frames.

import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { detectLanguage, type LanguageId } from "../../../grammars/registry.ts";
import { decodeBytes } from "../engine/decode.ts";
import { compareFindings, type Engine, type RuleFailure } from "../engine/engine.ts";
import { LineIndex } from "../engine/line-index.ts";
import { maskSpans } from "../engine/redact.ts";
import {
  applySuppressions,
  INVALID_SUPPRESSION,
  settleConfigSuppressions,
  type AcceptedSuppression,
  type ConfigSuppressions,
  type RuleResolver,
} from "../engine/suppressions.ts";
import type { Finding, Severity, SeverityOrOff, Span } from "../engine/types.ts";
import { fingerprintFindings } from "../report/fingerprint.ts";
import type { CodeFrame, ReportedFinding, ScannedFile } from "../report/model.ts";
import { walk, type SkippedFile, type WalkedFile } from "./walk.ts";
import type { ContextPolicy } from "../config/file-role.ts";

export interface ScanOptions {
  readonly paths: readonly string[];
  readonly root: string;
  readonly exclude: readonly string[];
  readonly respectGitignore: boolean;
  readonly maxFileSize: number;
  /** Milliseconds one file may take to parse before it is skipped. */
  readonly fileTimeBudget: number;
  /** Severities and context grading for a file (project config, overrides, file role). */
  readonly policyFor: (path: string) => { readonly severities: ReadonlyMap<string, SeverityOrOff>; readonly grade: ContextPolicy };
  /** Narrows the walked files (e.g. to those changed since a git ref). */
  readonly include?: (path: string) => boolean;
  /** Lets the native backend's trees be collected: they are freed only when the event loop turns. */
  readonly yieldBetweenFiles: boolean;
  /** Applies `sterile-ignore…` comments and the config's `suppress:` entries; without it nothing is suppressed. */
  readonly suppressions?: ScanSuppressions;
}

export interface ScanSuppressions {
  /** `YYYY-MM-DD`, UTC: `until=` dates before it have expired. */
  readonly today: string;
  readonly resolveRule: RuleResolver;
  /** `--report-unused-suppressions`. */
  readonly reportUnused: boolean;
  readonly config?: ConfigSuppressions;
}

export interface ScanOutcome {
  readonly files: ScannedFile[];
  readonly findings: ReportedFinding[];
  readonly skipped: SkippedFile[];
  readonly failures: RuleFailure[];
  /** Valid suppressions and how many findings each covered (empty without `options.suppressions`). */
  readonly suppressions: AcceptedSuppression[];
}

const LOWER: Readonly<Record<Severity, Severity>> = { error: "warning", warning: "note", note: "note" };

/** Severity of the `invalid-suppression` findings the host makes for a file, as the engine would grade the rule's own. */
function invalidSuppressionSeverity(engine: Engine, policy: ReturnType<ScanOptions["policyFor"]>): Severity | "off" {
  const configured = policy.severities.get(INVALID_SUPPRESSION) ?? engine.rules.find((r) => r.id === INVALID_SUPPRESSION)?.severity ?? "warning";
  if (configured === "off" || policy.grade === "skip") return "off";
  return policy.grade === "lower" ? LOWER[configured] : configured;
}

/** Fingerprints and masked frames for one file's findings, while its text is at hand. */
function framed<F extends Finding>(found: readonly F[], text: string): (F & { fingerprint: string; frame: CodeFrame })[] {
  if (found.length === 0) return [];
  const lines = new LineIndex(text);
  const fingerprints = fingerprintFindings(found, lines);
  const secrets = found.flatMap((f) => (f.secret ? [f.secret] : []));
  return found.map((finding, i) => ({ ...finding, fingerprint: fingerprints[i]!, frame: frameFor(finding, lines, secrets) }));
}

const FRAME_CONTEXT = 1;
const FRAME_MAX_LINES = 6;
const FRAME_MAX_WIDTH = 240;

/** Lines around a finding with every secret found in the file masked, not just this finding's. */
function frameFor(finding: Finding, lines: LineIndex, secrets: readonly Span[]): CodeFrame {
  const first = Math.max(0, finding.range.startPosition.line - FRAME_CONTEXT);
  const last = Math.min(lines.lineCount - 1, finding.range.endPosition.line + FRAME_CONTEXT, first + FRAME_MAX_LINES - 1);
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const masked = maskSpans(lines.lineText(line), lines.lineStart(line), secrets);
    out.push(masked.length > FRAME_MAX_WIDTH ? `${masked.slice(0, FRAME_MAX_WIDTH)}…` : masked);
  }
  return { firstLine: first, lines: out };
}

async function readHead(file: WalkedFile, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(file.absolute, "r");
  try {
    const size = Math.min(file.size, maxBytes);
    const buffer = new Uint8Array(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

function resolveLanguage(file: WalkedFile, text: string): LanguageId | undefined {
  return file.language === "sniff" ? detectLanguage(file.path, () => text.slice(0, 4096)) : file.language;
}

export async function scanFiles(engine: Engine, options: ScanOptions): Promise<ScanOutcome> {
  const walked = await walk(options.paths, { root: options.root, exclude: options.exclude, respectGitignore: options.respectGitignore });
  const skipped: SkippedFile[] = [...walked.skipped];
  const files: ScannedFile[] = [];
  const findings: ReportedFinding[] = [];
  const failures: RuleFailure[] = [];
  const accepted: AcceptedSuppression[] = [];
  const configUsage = new Map<number, number>();
  for (const file of walked.files) {
    if (options.include && !options.include(file.path)) continue;
    if (file.size > options.maxFileSize) {
      skipped.push({ path: file.path, reason: "too-large", detail: `${file.size} bytes > --max-file-size ${options.maxFileSize}` });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readHead(file, options.maxFileSize + 1);
    } catch (error) {
      skipped.push({ path: file.path, reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? String(error) });
      continue;
    }
    const decoded = decodeBytes(bytes);
    if (decoded.kind === "binary") {
      skipped.push({ path: file.path, reason: "binary", detail: "NUL bytes and no UTF-16 byte-order mark" });
      continue;
    }
    const language = resolveLanguage(file, decoded.text);
    if (!language) continue;
    const deadline = Date.now() + options.fileTimeBudget;
    const policy = options.policyFor(file.path);
    const source = { path: file.path, language, text: decoded.text };
    const analysis = engine.analyze(source, { ...policy, shouldStop: () => Date.now() > deadline });
    if (!analysis.completed) {
      skipped.push(
        analysis.parseError
          ? { path: file.path, reason: "parse-error", detail: analysis.parseError }
          : { path: file.path, reason: "time-budget", detail: `analysis took longer than ${options.fileTimeBudget} ms` },
      );
      continue;
    }
    files.push({ path: file.path, language, sha256: createHash("sha256").update(bytes).digest("hex") });
    failures.push(...analysis.failures);
    let found: readonly Finding[] = analysis.findings;
    if (options.suppressions) {
      const ran = new Set(policy.grade === "skip" ? [] : engine.rulesFor(language, policy.severities).map((r) => r.id));
      const applied = applySuppressions(source, analysis.findings, {
        ...options.suppressions,
        severity: invalidSuppressionSeverity(engine, policy),
        ran: (id) => ran.has(id),
      });
      found = [...applied.findings, ...applied.problems].sort(compareFindings);
      accepted.push(...applied.accepted);
      for (const [index, count] of applied.configUsage) configUsage.set(index, (configUsage.get(index) ?? 0) + count);
    }
    findings.push(...framed(found, decoded.text));
    if (options.yieldBetweenFiles) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const config = options.suppressions?.config;
  if (config) {
    const settled = settleConfigSuppressions(config, configUsage, {
      reportUnused: options.suppressions?.reportUnused ?? false,
      severity: invalidSuppressionSeverity(engine, options.policyFor(config.file)),
    });
    findings.push(...framed(settled.problems, config.text));
    accepted.push(...settled.accepted);
  }
  findings.sort(compareFindings);
  return { files, findings, skipped, failures, suppressions: accepted };
}
