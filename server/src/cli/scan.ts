// The CLI's scan: walk → choose files (diff, shard) → collect cross-file facts → analyse each file
// (on this thread or on worker threads) → merge in walk order. Only findings and masked frames
// are kept; file contents live while their file is analysed.

import { compareFindings, type Engine, type RuleFailure } from "../engine/engine.ts";
import { ProjectFacts, scanStringMacros, type MacroFact } from "../engine/project-facts.ts";
import { INVALID_SUPPRESSION, settleConfigSuppressions, type AcceptedSuppression } from "../engine/suppressions.ts";
import { decodeBytes } from "../engine/decode.ts";
import type { ReportedFinding, ScannedFile } from "../report/model.ts";
import { FileAnalyzer, framed, readBounded, type AnalyzerOptions, type FileResult, type PolicyFor, type ScanSuppressions } from "./file-analyzer.ts";
import { runOnWorkers, type WorkerPlan } from "./scan-workers.ts";
import { walk, type SkippedFile, type WalkedFile } from "./walk.ts";

export type { ScanSuppressions };

export interface Shard {
  /** One-based. */
  readonly index: number;
  readonly count: number;
}

export interface ScanOptions {
  readonly paths: readonly string[];
  readonly root: string;
  readonly exclude: readonly string[];
  readonly respectGitignore: boolean;
  readonly maxFileSize: number;
  readonly fileTimeBudget: number;
  readonly policyFor: PolicyFor;
  /** Narrows the walked files (e.g. to those changed since a git ref). */
  readonly include?: (path: string) => boolean;
  /** Lets the native backend's trees be collected: they are freed only when the event loop turns. */
  readonly yieldBetweenFiles: boolean;
  /** Applies `sterile-ignore…` comments and the config's `suppress:` entries; without it nothing is suppressed. */
  readonly suppressions?: ScanSuppressions;
  readonly prefilter?: boolean;
  readonly parseOnly?: boolean;
  readonly shard?: Shard;
  /** Worker threads; with more than one, `workers` says how to start them. */
  readonly jobs?: number;
  readonly workers?: Omit<WorkerPlan, "facts" | "maxFileSize" | "fileTimeBudget" | "prefilter" | "parseOnly">;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ScanOutcome {
  readonly files: ScannedFile[];
  readonly findings: ReportedFinding[];
  readonly skipped: SkippedFile[];
  readonly failures: RuleFailure[];
  /** Valid suppressions and how many findings each covered (empty without `options.suppressions`). */
  readonly suppressions: AcceptedSuppression[];
  /** Files the rules ran on (the rest had no trigger, or no rule applies). */
  readonly parsedCount: number;
}

/** FNV-1a of the path: a shard assignment that does not move when other files come or go. */
function shardOf(path: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    hash ^= path.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}

const C_FAMILY = new Set(["c", "cpp"]);

/** String macros of every C/C++ file walked (not only this shard's or the changed ones): a line scan, no parse. */
async function collectFacts(files: readonly WalkedFile[], maxFileSize: number): Promise<MacroFact[]> {
  const facts: MacroFact[] = [];
  for (const file of files) {
    if (file.language === "sniff" || !C_FAMILY.has(file.language) || file.size > maxFileSize) continue;
    try {
      const decoded = decodeBytes(await readBounded(file.absolute, file.size, maxFileSize));
      if (decoded.kind === "text" && decoded.text.includes("#")) facts.push(...scanStringMacros(file.path, decoded.text));
    } catch {
      // Unreadable files are reported when analysed.
    }
  }
  return facts;
}

/** The same literal reached from several files is one finding, with every use related. */
function mergeDuplicates(findings: readonly ReportedFinding[]): ReportedFinding[] {
  const byKey = new Map<string, ReportedFinding>();
  for (const finding of findings) {
    const key = `${finding.ruleId}\u0000${finding.path}\u0000${finding.range.start}\u0000${finding.range.end}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, finding);
      continue;
    }
    const related = [...seen.related];
    for (const r of finding.related) if (!related.some((x) => x.path === r.path && x.range.start === r.range.start)) related.push(r);
    related.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start - b.range.start));
    byKey.set(key, { ...seen, related });
  }
  return [...byKey.values()];
}

export async function scanFiles(engine: Engine, options: ScanOptions): Promise<ScanOutcome> {
  const walked = await walk(options.paths, { root: options.root, exclude: options.exclude, respectGitignore: options.respectGitignore });
  const selected = walked.files.filter(
    (file) => (!options.include || options.include(file.path)) && (!options.shard || shardOf(file.path, options.shard.count) === options.shard.index),
  );
  const factList = await collectFacts(walked.files, options.maxFileSize);
  const facts = new ProjectFacts();
  facts.add(factList);
  const analyzerOptions: AnalyzerOptions = {
    root: options.root,
    maxFileSize: options.maxFileSize,
    fileTimeBudget: options.fileTimeBudget,
    prefilter: options.prefilter ?? true,
    parseOnly: options.parseOnly ?? false,
    policyFor: options.policyFor,
    ...(options.suppressions ? { suppressions: options.suppressions } : {}),
    facts,
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, selected.length));
  let results: FileResult[];
  if (jobs > 1 && options.workers) {
    results = await runOnWorkers(selected, jobs, {
      ...options.workers,
      facts: factList,
      maxFileSize: options.maxFileSize,
      fileTimeBudget: options.fileTimeBudget,
      prefilter: analyzerOptions.prefilter,
      parseOnly: analyzerOptions.parseOnly,
    }, options.onProgress);
  } else {
    const analyzer = new FileAnalyzer(engine, analyzerOptions);
    results = [];
    for (const file of selected) {
      results.push(await analyzer.analyze(file));
      options.onProgress?.(results.length, selected.length);
      if (options.yieldBetweenFiles) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const skipped: SkippedFile[] = [...walked.skipped];
  const files: ScannedFile[] = [];
  const found: ReportedFinding[] = [];
  const failures: RuleFailure[] = [];
  const accepted: AcceptedSuppression[] = [];
  const configUsage = new Map<number, number>();
  let parsedCount = 0;
  for (const result of results) {
    if (result.skipped) skipped.push(result.skipped);
    if (result.scanned) files.push(result.scanned);
    if (result.parsed) parsedCount++;
    found.push(...result.findings);
    failures.push(...result.failures);
    accepted.push(...result.accepted);
    for (const [index, count] of result.configUsage) configUsage.set(index, (configUsage.get(index) ?? 0) + count);
  }
  const findings = mergeDuplicates(found);
  const config = options.suppressions?.config;
  if (config) {
    const settled = settleConfigSuppressions(config, configUsage, {
      reportUnused: options.suppressions?.reportUnused ?? false,
      severity: engine.severityFor(INVALID_SUPPRESSION, options.policyFor(config.file)),
    });
    findings.push(...framed(settled.problems, config.text));
    accepted.push(...settled.accepted);
  }
  findings.sort(compareFindings);
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, findings, skipped, failures, suppressions: accepted, parsedCount };
}
