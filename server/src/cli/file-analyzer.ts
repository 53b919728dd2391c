// One file through the pipeline: read (bounded) → decode → engine → suppressions → fingerprints
// and masked frames. The same code runs on the main thread (`--jobs 1`) and in every worker, so
// results cannot depend on the job count.

import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { detectLanguage, type LanguageId } from "../../../grammars/registry.ts";
import type { ContextPolicy } from "../config/file-role.ts";
import { decodeBytes } from "../engine/decode.ts";
import { compareFindings, type Engine, type RuleFailure } from "../engine/engine.ts";
import { LineIndex } from "../engine/line-index.ts";
import type { ProjectFacts } from "../engine/project-facts.ts";
import { maskSpans } from "../engine/redact.ts";
import { applySuppressions, INVALID_SUPPRESSION, type AcceptedSuppression, type ConfigSuppressions, type RuleResolver } from "../engine/suppressions.ts";
import type { Finding, SeverityOrOff, Span } from "../engine/types.ts";
import { fingerprintFindings } from "../report/fingerprint.ts";
import type { CodeFrame, ReportedFinding, ScannedFile } from "../report/model.ts";
import type { SkippedFile, WalkedFile } from "./walk.ts";

export interface ScanSuppressions {
  /** `YYYY-MM-DD`, UTC: `until=` dates before it have expired. */
  readonly today: string;
  readonly resolveRule: RuleResolver;
  /** `--report-unused-suppressions`. */
  readonly reportUnused: boolean;
  readonly config?: ConfigSuppressions;
}

export type PolicyFor = (path: string) => { readonly severities: ReadonlyMap<string, SeverityOrOff>; readonly grade: ContextPolicy };

export interface AnalyzerOptions {
  readonly root: string;
  readonly maxFileSize: number;
  /** Milliseconds one file's analysis may take before it is skipped. */
  readonly fileTimeBudget: number;
  readonly prefilter: boolean;
  /** Benchmark aid: parse every file and run no rules. */
  readonly parseOnly: boolean;
  readonly policyFor: PolicyFor;
  readonly suppressions?: ScanSuppressions;
  readonly facts: ProjectFacts;
}

export interface FileResult {
  readonly skipped?: SkippedFile;
  readonly scanned?: ScannedFile;
  /** Whether the file was parsed (false when the prefilter found no trigger). */
  readonly parsed: boolean;
  readonly findings: ReportedFinding[];
  readonly failures: RuleFailure[];
  readonly accepted: AcceptedSuppression[];
  readonly configUsage: [number, number][];
}

const FRAME_CONTEXT = 1;
const FRAME_MAX_LINES = 6;
const FRAME_MAX_WIDTH = 240;

/** Lines around a finding with every secret found in the file masked, not just this finding's. */
function frameFor(finding: Finding, lines: LineIndex, secretsOnLine: ReadonlyMap<number, Span[]>): CodeFrame {
  const first = Math.max(0, finding.range.startPosition.line - FRAME_CONTEXT);
  const last = Math.min(lines.lineCount - 1, finding.range.endPosition.line + FRAME_CONTEXT, first + FRAME_MAX_LINES - 1);
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const masked = maskSpans(lines.lineText(line), lines.lineStart(line), secretsOnLine.get(line) ?? []);
    out.push(masked.length > FRAME_MAX_WIDTH ? `${masked.slice(0, FRAME_MAX_WIDTH)}…` : masked);
  }
  return { firstLine: first, lines: out };
}

/**
 * The file's secrets by the lines they touch, so each frame line masks only its own: handing every
 * line all of them made a file with thousands of secret findings quadratic.
 */
function secretsByLine(found: readonly Finding[], lines: LineIndex): Map<number, Span[]> {
  const out = new Map<number, Span[]>();
  for (const finding of found) {
    const secret = finding.secret;
    if (!secret) continue;
    const last = lines.lineOf(Math.max(secret.start, secret.end - 1));
    for (let line = lines.lineOf(secret.start); line <= last; line++) {
      const list = out.get(line) ?? [];
      list.push(secret);
      out.set(line, list);
    }
  }
  return out;
}

/** Fingerprints and masked frames for findings located in one file, given that file's text. */
export function framed<F extends Finding>(found: readonly F[], text: string): (F & { fingerprint: string; frame: CodeFrame })[] {
  if (found.length === 0) return [];
  const lines = new LineIndex(text);
  const fingerprints = fingerprintFindings(found, lines);
  const secrets = secretsByLine(found, lines);
  return found.map((finding, i) => ({ ...finding, fingerprint: fingerprints[i]!, frame: frameFor(finding, lines, secrets) }));
}

export async function readBounded(absolute: string, size: number, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(absolute, "r");
  try {
    const length = Math.min(size, maxBytes);
    const buffer = new Uint8Array(length);
    let offset = 0;
    while (offset < length) {
      const { bytesRead } = await handle.read(buffer, offset, length - offset, offset);
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

const empty = (extra: Partial<FileResult> = {}): FileResult => ({ parsed: false, findings: [], failures: [], accepted: [], configUsage: [], ...extra });

export class FileAnalyzer {
  constructor(
    private readonly engine: Engine,
    private readonly options: AnalyzerOptions,
  ) {}

  async analyze(file: WalkedFile): Promise<FileResult> {
    const options = this.options;
    if (file.size > options.maxFileSize) {
      return empty({ skipped: { path: file.path, reason: "too-large", detail: `${file.size} bytes > --max-file-size ${options.maxFileSize}` } });
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBounded(file.absolute, file.size, options.maxFileSize + 1);
    } catch (error) {
      return empty({ skipped: { path: file.path, reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? String(error) } });
    }
    const decoded = decodeBytes(bytes);
    if (decoded.kind === "binary") return empty({ skipped: { path: file.path, reason: "binary", detail: "NUL bytes and no UTF-16 byte-order mark" } });
    const language = resolveLanguage(file, decoded.text);
    if (!language) return empty();
    const source = { path: file.path, language, text: decoded.text };
    const deadline = Date.now() + options.fileTimeBudget;
    const shouldStop = () => Date.now() > deadline;
    const scanned: ScannedFile = { path: file.path, language, sha256: createHash("sha256").update(bytes).digest("hex") };
    if (options.parseOnly) {
      const tree = this.engine.parse(source, { shouldStop });
      tree?.release();
      return empty({ scanned, parsed: Boolean(tree) });
    }
    const policy = options.policyFor(file.path);
    const analysis = this.engine.analyze(source, { ...policy, shouldStop, prefilter: options.prefilter, project: options.facts });
    if (!analysis.completed) {
      return empty({
        skipped: analysis.parseError
          ? { path: file.path, reason: "parse-error", detail: analysis.parseError }
          : { path: file.path, reason: "time-budget", detail: `analysis took longer than ${options.fileTimeBudget} ms` },
      });
    }
    let found: readonly Finding[] = analysis.findings;
    let accepted: AcceptedSuppression[] = [];
    let configUsage: [number, number][] = [];
    if (options.suppressions) {
      const ran = new Set(policy.grade === "skip" ? [] : this.engine.rulesFor(language, policy.severities).map((r) => r.id));
      const applied = applySuppressions(source, analysis.findings, {
        ...options.suppressions,
        severity: this.engine.severityFor(INVALID_SUPPRESSION, policy),
        ran: (id) => ran.has(id),
      });
      found = [...applied.findings, ...applied.problems].sort(compareFindings);
      accepted = applied.accepted;
      configUsage = [...applied.configUsage];
    }
    return { scanned, parsed: analysis.parsed ?? false, findings: await this.frame(found, source.path, decoded.text), failures: analysis.failures, accepted, configUsage };
  }

  /** Frames findings by the file they sit in: most in this one, cross-file ones (a macro's literal) elsewhere. */
  private async frame(found: readonly Finding[], path: string, text: string): Promise<ReportedFinding[]> {
    const byPath = new Map<string, Finding[]>();
    for (const finding of found) {
      const list = byPath.get(finding.path) ?? [];
      list.push(finding);
      byPath.set(finding.path, list);
    }
    const out: ReportedFinding[] = [];
    for (const [where, list] of byPath) {
      if (where === path) {
        out.push(...framed(list, text));
        continue;
      }
      const other = await this.textOf(where);
      if (other !== undefined) out.push(...framed(list, other));
    }
    return out.sort(compareFindings);
  }

  private async textOf(path: string): Promise<string | undefined> {
    try {
      const absolute = join(this.options.root, path);
      const bytes = await readBounded(absolute, this.options.maxFileSize, this.options.maxFileSize);
      const decoded = decodeBytes(bytes);
      return decoded.kind === "text" ? decoded.text : undefined;
    } catch {
      return undefined;
    }
  }
}
