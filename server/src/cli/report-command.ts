// `sterile report [paths…] --format html|markdown --output FILE`: scans exactly as `scan` does
// (same paths, selection, config, baseline and suppression flags, through `prepareScan`) and writes
// the evidence report. It exits 0 once the report is written, whatever was found: the report is
// the record; gating a pipeline is `scan`'s job.

import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildEvidence } from "../report/evidence.ts";
import { formatEvidenceHtml } from "../report/evidence-html.ts";
import { formatEvidenceMarkdown } from "../report/evidence-markdown.ts";
import type { CliIO } from "./io.ts";
import { prepareScan, SCAN_OPTIONS } from "./scan-command.ts";
import { UsageError } from "./usage-error.ts";

export const REPORT_FORMATS = ["html", "markdown"] as const;

export async function runReport(args: string[], io: CliIO, commandLine: string): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: SCAN_OPTIONS });
  if (values.help) {
    io.writeOut(io.help);
    return 0;
  }
  const formats = values.format ?? ["html"];
  const format = formats[0] ?? "html";
  if (formats.length > 1 || !(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`report takes one --format: ${REPORT_FORMATS.join(" or ")} (got "${formats.join(", ")}")`);
  }
  if (!values.output) throw new UsageError("report needs --output FILE: the evidence report is a document to keep");
  for (const flag of ["fix", "unsafe-fixes", "dry-run"] as const) {
    if (values[flag]) throw new UsageError(`--${flag} does not go with report: run sterile scan --fix first, then report on the result`);
  }
  const { report } = await prepareScan(values, positionals, io, commandLine);
  const evidence = buildEvidence(report, { generatedAt: new Date().toISOString() });
  const target = resolve(io.cwd, values.output);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, format === "html" ? formatEvidenceHtml(evidence) : formatEvidenceMarkdown(evidence));
  const t = evidence.totals;
  io.writeErr(
    `report: wrote ${relative(io.cwd, target) || target} (${t.files} files, ${t.findings} open findings, ${t.suppressed} suppressed, ${t.internalErrors} internal errors)\n`,
  );
  for (const failure of report.failures) {
    io.writeErr(`sterile: internal error in rule ${failure.ruleId} on ${failure.path}: ${failure.message} (listed in the report)\n`);
  }
  return 0;
}
