// `sterile merge`: combines the JSON or SARIF reports of `--shard K/N` runs into one report equal
// to an unsharded run (apart from timestamps): findings re-sorted in the scan's order, skips and
// notifications joined, counts recomputed.

import { readFile } from "node:fs/promises";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliIO } from "./io.ts";
import { UsageError } from "./usage-error.ts";

type Json = Record<string, unknown>;

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: "error" | "warning" | "note";
  suppression?: unknown;
}

function mergeJson(reports: Json[]): Json {
  const first = reports[0]!;
  const findings = reports.flatMap((r) => r.findings as JsonFinding[]);
  findings.sort((a, b) => compareKeys([a.path, a.line, a.column, a.endLine, a.endColumn, a.ruleId], [b.path, b.line, b.column, b.endLine, b.endColumn, b.ruleId]));
  const byPath = <T extends { path: string }>(items: T[]) => items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const summaries = reports.map((r) => r.summary as Record<string, number>);
  const sum = (key: string) => summaries.reduce((total, s) => total + (s[key] ?? 0), 0);
  const open = findings.filter((f) => !f.suppression);
  const summary: Record<string, number> = {};
  for (const key of Object.keys(first.summary as object)) summary[key] = sum(key);
  summary.findings = open.length;
  summary.error = open.filter((f) => f.severity === "error").length;
  summary.warning = open.filter((f) => f.severity === "warning").length;
  summary.note = open.filter((f) => f.severity === "note").length;
  // Walk-level skips (FIFOs, loops) are seen by every shard: keep one of each.
  const skipped = byPath(dedupe(reports.flatMap((r) => r.skipped as { path: string }[])));
  summary.skipped = skipped.length;
  const baselines = reports.map((r) => r.baseline as { file: string; matched: number } | undefined).filter(Boolean) as { file: string; matched: number }[];
  return {
    ...first,
    startedAt: reports.map((r) => r.startedAt as string).sort()[0],
    finishedAt: reports.map((r) => r.finishedAt as string).sort().at(-1),
    ...(baselines.length > 0 ? { baseline: { file: baselines[0]!.file, matched: baselines.reduce((t, b) => t + b.matched, 0) } } : {}),
    summary,
    findings,
    skipped,
    internalErrors: reports.flatMap((r) => r.internalErrors as unknown[]),
  };
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { charOffset: number; charLength: number } } }[];
}

function mergeSarif(logs: Json[]): Json {
  const runs = logs.map((log) => (log.runs as Json[])[0]!);
  const first = runs[0]!;
  const results = runs.flatMap((run) => run.results as SarifResult[]);
  const key = (r: SarifResult) => {
    const location = r.locations[0]!.physicalLocation;
    return [location.artifactLocation.uri, location.region.charOffset, location.region.charOffset + location.region.charLength, r.ruleId];
  };
  results.sort((a, b) => compareKeys(key(a), key(b)));
  const invocations = runs.map((run) => (run.invocations as Json[])[0]!);
  const notifications = dedupe(invocations.flatMap((inv) => (inv.toolExecutionNotifications as Json[] | undefined) ?? []));
  notifications.sort((a, b) => compareKeys([String(a.descriptor && (a.descriptor as Json).id), JSON.stringify(a.locations)], [String(b.descriptor && (b.descriptor as Json).id), JSON.stringify(b.locations)]));
  const invocation: Json = {
    ...invocations[0]!,
    executionSuccessful: invocations.every((inv) => inv.executionSuccessful === true),
    startTimeUtc: invocations.map((inv) => inv.startTimeUtc as string).sort()[0],
    endTimeUtc: invocations.map((inv) => inv.endTimeUtc as string).sort().at(-1),
  };
  delete invocation.toolExecutionNotifications;
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;
  return { ...logs[0]!, runs: [{ ...first, invocations: [invocation], results }] };
}

export async function runMerge(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string" }, output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.writeOut(io.help);
    return 0;
  }
  if (values.format !== "sarif" && values.format !== "json") throw new UsageError("merge needs --format sarif or --format json");
  if (positionals.length === 0) throw new UsageError("merge needs the shard reports to combine");
  const reports: Json[] = [];
  for (const file of positionals) {
    let data: Json;
    try {
      data = JSON.parse(await readFile(resolve(io.cwd, file), "utf8")) as Json;
    } catch (error) {
      throw new UsageError(`merge: cannot read ${file} (${(error as Error).message.split("\n")[0]})`);
    }
    const isSarif = data.version === "2.1.0" && Array.isArray(data.runs);
    if ((values.format === "sarif") !== isSarif) throw new UsageError(`merge: ${file} is not a ${values.format} report`);
    reports.push(data);
  }
  const merged = values.format === "sarif" ? mergeSarif(reports) : mergeJson(reports);
  const text = `${JSON.stringify(merged, null, 2)}\n`;
  if (values.output) {
    const target = resolve(io.cwd, values.output);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  } else io.writeOut(text);
  return 0;
}
