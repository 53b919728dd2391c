// `sterile scan` and `sterile baseline`: options → config → scan → baseline, diff and fix
// filters → one or more reports. Exit codes are decided in main.ts's contract: 0, 1 or 2.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { allRules } from "../../../rules/index.ts";
import { PolicyResolver } from "../config/policy.ts";
import { Engine } from "../engine/engine.ts";
import { WasmBackend, type ParserBackend } from "../engine/parser.ts";
import type { Rule } from "../engine/types.ts";
import { formatGithub } from "../report/github.ts";
import { formatGitlab } from "../report/gitlab.ts";
import { formatJson } from "../report/json.ts";
import { formatJunit } from "../report/junit.ts";
import { formatMarkdown } from "../report/markdown.ts";
import { activeFindings, type ReportedFinding, type ScanReport } from "../report/model.ts";
import { formatSarif } from "../report/sarif.ts";
import { failsRun, type FailOn } from "../report/severity.ts";
import { formatText } from "../report/text.ts";
import { Baseline, BaselineError, DEFAULT_BASELINE, entryOf, parseBaseline, serializeBaseline } from "./baseline.ts";
import { loadConfig } from "./config-file.ts";
import { fixFile, unifiedDiff, type FindingFilter } from "./fix.ts";
import { applySuppressions } from "../engine/suppressions.ts";
import type { ScanSuppressions } from "./scan.ts";
import { changedLinesSince, GitError, touchesChange } from "./git.ts";
import type { CliIO } from "./io.ts";
import { loadNativeModule, NativeBackend } from "./native-parser.ts";
import { findProjectRoot } from "./project-root.ts";
import { scanFiles, type Shard } from "./scan.ts";
import { progressBar } from "./progress.ts";
import { availableParallelism } from "node:os";
import { scanSuppressions } from "./scan-suppressions.ts";
import { UsageError } from "./usage-error.ts";

export const FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab", "markdown"] as const;
export type Format = (typeof FORMATS)[number];
const FAIL_ON = ["error", "warning", "note", "none"] as const;
const PARSERS = ["wasm", "native", "auto"] as const;
const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;
const DEFAULT_FILE_TIME_BUDGET_MS = 10_000;

export const SCAN_OPTIONS = {
  format: { type: "string", multiple: true },
  output: { type: "string", short: "o" },
  "fail-on": { type: "string" },
  exclude: { type: "string", multiple: true },
  "no-gitignore": { type: "boolean" },
  config: { type: "string" },
  baseline: { type: "string" },
  "changed-since": { type: "string" },
  fix: { type: "boolean" },
  "unsafe-fixes": { type: "boolean" },
  "dry-run": { type: "boolean" },
  parser: { type: "string" },
  "max-file-size": { type: "string" },
  "time-budget": { type: "string" },
  jobs: { type: "string", short: "j" },
  "no-prefilter": { type: "boolean" },
  "parse-only": { type: "boolean" },
  shard: { type: "string" },
  "report-unused-suppressions": { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}

function parseSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_FILE_SIZE;
  const match = /^(\d+)\s*([kKmM]i?[bB]?|[bB])?$/.exec(value.trim());
  if (!match) throw new UsageError(`--max-file-size must be a number of bytes, e.g. 4194304 or 4M (got "${value}")`);
  const unit = (match[2] ?? "").toLowerCase()[0];
  return Number(match[1]) * (unit === "k" ? 1024 : unit === "m" ? 1024 * 1024 : 1);
}

function parseTimeBudget(value: string | undefined): number {
  if (value === undefined) return DEFAULT_FILE_TIME_BUDGET_MS;
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0) throw new UsageError(`--time-budget must be a positive number of milliseconds (got "${value}")`);
  return Number(value);
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--jobs must be a whole number of at least 1 (got "${value}")`);
  return Number(value);
}

function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/4 (got "${value}")`);
  return { index, count };
}

interface OutputSpec {
  readonly format: Format;
  readonly file?: string;
}

/** `--format FMT` (stdout, at most one) or `--format FMT=FILE`; `--output` only beside a single format. */
export function parseOutputs(formats: readonly string[] | undefined, output: string | undefined): OutputSpec[] {
  const specs = (formats && formats.length > 0 ? formats : ["text"]).map((raw) => {
    const eq = raw.indexOf("=");
    const name = eq < 0 ? raw : raw.slice(0, eq);
    const file = eq < 0 ? undefined : raw.slice(eq + 1);
    const format = oneOf("--format", name, FORMATS, "text");
    if (file === "") throw new UsageError(`--format ${name}= needs a file name after "="`);
    return file ? { format, file } : { format };
  });
  if (output !== undefined) {
    if (specs.length > 1) throw new UsageError("--output goes with a single --format; with several, write each as --format FMT=FILE");
    return [{ format: specs[0]!.format, file: output }];
  }
  if (specs.filter((s) => !s.file).length > 1) throw new UsageError("only one --format can go to stdout; give the others a file: --format FMT=FILE");
  return specs;
}

async function createBackend(kind: (typeof PARSERS)[number], io: CliIO): Promise<ParserBackend> {
  const wasm = new WasmBackend(io.readWasm);
  if (kind === "wasm") return wasm;
  try {
    return new NativeBackend(loadNativeModule(io.requireNative), io.requireNative, wasm);
  } catch (error) {
    if (kind === "auto") return wasm;
    throw new UsageError(`--parser native: ${(error as Error).message}`);
  }
}

function render(format: Format, report: ScanReport, color: boolean): string {
  switch (format) {
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report);
    case "github":
      return formatGithub(report);
    case "junit":
      return formatJunit(report);
    case "gitlab":
      return formatGitlab(report);
    case "markdown":
      return formatMarkdown(report);
    case "text":
      return formatText(report, { color });
  }
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

type ScanValues = ReturnType<typeof parseArgs<{ options: typeof SCAN_OPTIONS; allowPositionals: true }>>["values"];

export interface PreparedScan {
  readonly report: ScanReport;
  readonly failOn: FailOn;
  readonly engine: Engine;
  readonly policy: PolicyResolver;
  readonly toConfigPath: (path: string) => string;
  readonly suppressions: ScanSuppressions;
}

/** Everything `scan`, `baseline` and `report` share: paths, config, engine, walk and analysis. */
export async function prepareScan(values: ScanValues, positionals: readonly string[], io: CliIO, commandLine: string): Promise<PreparedScan> {
  const parser = oneOf("--parser", values.parser, PARSERS, "wasm");
  const maxFileSize = parseSize(values["max-file-size"]);
  const paths = (positionals.length > 0 ? positionals : ["."]).map((p) => resolve(io.cwd, p));
  for (const [i, path] of paths.entries()) {
    if (!io.exists(path)) throw new UsageError(`path does not exist: ${positionals[i] ?? path}`);
  }
  const root = findProjectRoot(io.cwd);
  const knownRules = new Set(allRules.flatMap((r) => [r.id, ...(r.aliases ?? [])]));
  const loaded = await loadConfig({ ...(values.config ? { explicit: values.config } : {}), start: paths[0]!, cwd: io.cwd, root, knownRules });
  const toConfigPath = (path: string) => toPosix(relative(loaded.dir, join(root, path)));
  const policy = new PolicyResolver(loaded.config);
  const failOn: FailOn = values["fail-on"] ? oneOf("--fail-on", values["fail-on"], FAIL_ON, "warning") : (loaded.config.failOn ?? "warning");
  const changed = values["changed-since"] ? await changedLinesSince(root, values["changed-since"]) : undefined;
  const backend = await createBackend(parser, io);
  const engine = await Engine.create(backend, allRules);
  const configExcludes = loaded.config.exclude.map((glob) => toPosix(relative(root, join(loaded.dir, glob))) || glob);
  const reportUnused = Boolean(values["report-unused-suppressions"]);
  const suppressions = await scanSuppressions(loaded, { root, toConfigPath, reportUnused });
  const jobs = parseJobs(values.jobs);
  const shard = parseShard(values.shard);
  const progress = io.stderrIsTTY && !io.env.CI ? progressBar(io) : undefined;
  const startedAt = new Date().toISOString();
  const outcome = await scanFiles(engine, {
    paths,
    root,
    exclude: [...configExcludes, ...(values.exclude ?? [])],
    respectGitignore: !values["no-gitignore"],
    maxFileSize,
    fileTimeBudget: parseTimeBudget(values["time-budget"]),
    policyFor: (path) => policy.forFile(toConfigPath(path)),
    ...(changed ? { include: (path: string) => changed.has(path) } : {}),
    yieldBetweenFiles: backend.kind === "native",
    suppressions,
    prefilter: !values["no-prefilter"],
    parseOnly: Boolean(values["parse-only"]),
    ...(shard ? { shard } : {}),
    jobs,
    ...(io.workerScript && io.grammarsDir
      ? { workers: { script: io.workerScript, grammarsDir: io.grammarsDir, parser: backend.kind, root, loaded, reportUnused, today: suppressions.today } }
      : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  });
  progress?.finish();
  let findings: ReportedFinding[] = outcome.findings;
  if (changed) {
    findings = findings.filter((f) => touchesChange(changed, f.path, f.range.startPosition.line + 1, f.range.endPosition.line + 1));
  }
  let baselineInfo: ScanReport["baseline"];
  if (values.baseline) {
    const file = resolve(io.cwd, values.baseline);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new UsageError(`--baseline: cannot read ${values.baseline}`);
    }
    const baseline = new Baseline(values.baseline, parseBaseline(text, values.baseline));
    findings = findings.map((f) => ({ ...f, baselineState: baseline.has(f) ? ("unchanged" as const) : ("new" as const) }));
    baselineInfo = { file: toPosix(relative(root, file)), matched: findings.filter((f) => f.baselineState === "unchanged").length };
  }
  const rules: Rule[] = [...allRules];
  const report: ScanReport = {
    tool: { name: "sterile", version: io.version },
    root,
    commandLine,
    startedAt,
    finishedAt: new Date().toISOString(),
    parser: backend.kind,
    rules,
    files: outcome.files,
    findings,
    skipped: outcome.skipped,
    failures: outcome.failures,
    ...(baselineInfo ? { baseline: baselineInfo } : {}),
    suppressions: outcome.suppressions,
    parsedCount: outcome.parsedCount,
  };
  return { report, failOn, engine, policy, toConfigPath, suppressions };
}

async function writeTo(file: string, text: string, io: CliIO): Promise<void> {
  const target = resolve(io.cwd, file);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
}

async function applyFixes(prepared: PreparedScan, values: ScanValues, io: CliIO, log: (text: string) => void): Promise<number> {
  const { report, engine, policy, toConfigPath, suppressions } = prepared;
  // Suppressed findings are accepted risks: --fix leaves them as they are.
  const unsuppressed: FindingFilter = (file, found) => applySuppressions(file, found, { ...suppressions, severity: "off" }).findings.filter((f) => !f.suppression);
  const fixable = new Map<string, ReportedFinding>();
  for (const finding of activeFindings(report)) {
    if (finding.fixes.some((f) => f.safety === "safe" || values["unsafe-fixes"])) fixable.set(finding.path, finding);
  }
  const languages = new Map(report.files.map((f) => [f.path, f.language]));
  let changedFiles = 0;
  for (const path of [...fixable.keys()].sort()) {
    const language = languages.get(path);
    if (!language) continue;
    const outcome = await fixFile(engine, join(report.root, path), { path, language }, policy.forFile(toConfigPath(path)), {
      unsafe: Boolean(values["unsafe-fixes"]),
      dryRun: Boolean(values["dry-run"]),
      filter: unsuppressed,
    });
    if (!outcome) continue;
    changedFiles++;
    if (values["dry-run"]) log(unifiedDiff(outcome));
    else log(`fixed ${path}: ${outcome.applied.join("; ")}\n`);
  }
  const unsafeLeft = activeFindings(report).filter((f) => !values["unsafe-fixes"] && f.fixes.length > 0 && f.fixes.every((fix) => fix.safety === "unsafe")).length;
  log(`${values["dry-run"] ? "would fix" : "fixed"} ${changedFiles} file${changedFiles === 1 ? "" : "s"}${unsafeLeft > 0 ? `; ${unsafeLeft} finding${unsafeLeft === 1 ? " has" : "s have"} only unsafe fixes (--unsafe-fixes applies them)` : ""}\n`);
  return changedFiles;
}

export async function runScan(args: string[], io: CliIO, commandLine: string): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: SCAN_OPTIONS });
  if (values.help) {
    io.writeOut(io.help);
    return 0;
  }
  const outputs = parseOutputs(values.format, values.output);
  if (values["dry-run"] && !values.fix) throw new UsageError("--dry-run goes with --fix");
  if (values["unsafe-fixes"] && !values.fix) throw new UsageError("--unsafe-fixes goes with --fix");
  let prepared = await prepareScan(values, positionals, io, commandLine);
  const stdoutSpec = outputs.find((o) => !o.file);
  if (values.fix) {
    // Fix messages and diffs share stdout only with a text report; otherwise they go to stderr.
    const log = stdoutSpec && stdoutSpec.format !== "text" ? io.writeErr : io.writeOut;
    const changed = await applyFixes(prepared, values, io, log);
    if (changed > 0 && !values["dry-run"]) prepared = await prepareScan(values, positionals, io, commandLine);
  }
  const { report, failOn } = prepared;
  for (const spec of outputs) {
    const color = spec.format === "text" && !spec.file && io.stdoutIsTTY && !io.env.NO_COLOR;
    const text = render(spec.format, report, color);
    if (spec.file) await writeTo(spec.file, text, io);
    else io.writeOut(text);
  }
  if (report.failures.length > 0) {
    for (const failure of report.failures) {
      io.writeErr(`sterile: internal error in rule ${failure.ruleId} on ${failure.path}: ${failure.message}\n`);
      if (values.debug && failure.stack) io.writeErr(`${failure.stack}\n`);
    }
    return 2;
  }
  return activeFindings(report).some((finding) => failsRun(finding.severity, failOn)) ? 1 : 0;
}

/** `sterile baseline create|prune [paths…] [--output FILE]`. */
export async function runBaseline(args: string[], io: CliIO, commandLine: string): Promise<number> {
  const [action, ...rest] = args;
  if (action !== "create" && action !== "prune") throw new UsageError('baseline needs "create" or "prune" (sterile baseline create [paths…] [--output FILE])');
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: SCAN_OPTIONS });
  if (values.help) {
    io.writeOut(io.help);
    return 0;
  }
  const root = findProjectRoot(io.cwd);
  const target = resolve(io.cwd, values.output ?? values.baseline ?? join(relative(io.cwd, root) || ".", DEFAULT_BASELINE));
  const prepared = await prepareScan({ ...values, baseline: undefined }, positionals, io, commandLine);
  // A baseline records open findings; suppressed ones are already accepted with a justification.
  const current = activeFindings(prepared.report).map(entryOf);
  if (action === "create") {
    await writeTo(target, serializeBaseline(current, io.version), io);
    io.writeErr(`baseline: recorded ${current.length} finding${current.length === 1 ? "" : "s"} in ${relative(io.cwd, target) || target}\n`);
    return prepared.report.failures.length > 0 ? 2 : 0;
  }
  let existing;
  try {
    existing = parseBaseline(await readFile(target, "utf8"), relative(io.cwd, target));
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw new UsageError(`baseline prune: cannot read ${relative(io.cwd, target)}`);
  }
  const live = new Set(current.map((e) => `${e.rule}\u0000${e.path}\u0000${e.fingerprint}`));
  const kept = existing.filter((e) => live.has(`${e.rule}\u0000${e.path}\u0000${e.fingerprint}`));
  await writeTo(target, serializeBaseline(kept, io.version), io);
  io.writeErr(`baseline: pruned ${existing.length - kept.length} of ${existing.length} entries from ${relative(io.cwd, target)}\n`);
  return prepared.report.failures.length > 0 ? 2 : 0;
}

export { BaselineError, GitError };
