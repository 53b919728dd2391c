// `sterile` command line: argument parsing, exit codes and output. Exit 0 when nothing reaches
// `--fail-on`, 1 when something does, 2 for bad usage, a missing path or an internal error
// (after every result has been written, so nothing found is lost).

import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { allRules } from "../../../rules/index.ts";
import { Engine } from "../engine/engine.ts";
import { WasmBackend, type ParserBackend, type WasmReader } from "../engine/parser.ts";
import type { SeverityOrOff } from "../engine/types.ts";
import { formatJson } from "../report/json.ts";
import type { ScanReport } from "../report/model.ts";
import { formatSarif } from "../report/sarif.ts";
import { failsRun, type FailOn } from "../report/severity.ts";
import { formatText } from "../report/text.ts";
import { formatRules } from "./rules-command.ts";
import { loadNativeModule, NativeBackend } from "./native-parser.ts";
import { findProjectRoot } from "./project-root.ts";
import { scanFiles } from "./scan.ts";

export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Reads a shipped `.wasm` file. */
  readonly readWasm: WasmReader;
  /** Resolves the native binding and grammar packages for `--parser native|auto`. */
  readonly requireNative: (id: string) => unknown;
  readonly version: string;
}

export class UsageError extends Error {}

const FORMATS = ["text", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ["error", "warning", "note", "none"] as const;
const PARSERS = ["wasm", "native", "auto"] as const;
const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;
const DEFAULT_FILE_TIME_BUDGET_MS = 10_000;

const HELP = `sterile — security linter for medical-device firmware

Usage:
  sterile scan [paths…] [options]   scan files and folders (default: .)
  sterile rules [--format text|json] list every rule
  sterile --version | --help

Scan options:
  --format text|json|sarif     output format (default: text)
  --output FILE                write the report to FILE instead of stdout
  --fail-on error|warning|note|none
                               lowest severity that makes the exit code 1 (default: warning)
  --exclude GLOB               skip paths matching GLOB (relative to the project root); repeatable
  --no-gitignore               do not honour .gitignore files
  --parser wasm|native|auto    parser backend (default: wasm; auto uses native if it loads)
  --max-file-size BYTES        skip larger files, reporting them (default: 4MiB; k/M suffixes allowed)
  --debug                      print stack traces for internal errors

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error, missing path or internal error.
Paths in reports are relative to the project root: the nearest folder upward holding .sterile.yml/.yaml/.json or .git.
`;

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

async function writeReport(text: string, output: string | undefined, io: CliIO): Promise<void> {
  if (!output) {
    io.writeOut(text);
    return;
  }
  const target = resolve(io.cwd, output);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
}

function render(format: Format, report: ScanReport, color: boolean): string {
  switch (format) {
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report);
    case "text":
      return formatText(report, { color });
  }
}

async function runScan(args: string[], io: CliIO, commandLine: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      output: { type: "string", short: "o" },
      "fail-on": { type: "string" },
      exclude: { type: "string", multiple: true },
      "no-gitignore": { type: "boolean" },
      parser: { type: "string" },
      "max-file-size": { type: "string" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.writeOut(HELP);
    return 0;
  }
  const format = oneOf("--format", values.format, FORMATS, "text");
  const failOn: FailOn = oneOf("--fail-on", values["fail-on"], FAIL_ON, "warning");
  const parser = oneOf("--parser", values.parser, PARSERS, "wasm");
  const maxFileSize = parseSize(values["max-file-size"]);
  const paths = (positionals.length > 0 ? positionals : ["."]).map((p) => resolve(io.cwd, p));
  for (const [i, path] of paths.entries()) {
    if (!existsSync(path)) throw new UsageError(`path does not exist: ${positionals[i] ?? path}`);
  }
  const root = findProjectRoot(io.cwd);
  const backend = await createBackend(parser, io);
  const engine = await Engine.create(backend, allRules);
  const severities = new Map<string, SeverityOrOff>();
  const startedAt = new Date().toISOString();
  const outcome = await scanFiles(engine, {
    paths,
    root,
    exclude: values.exclude ?? [],
    respectGitignore: !values["no-gitignore"],
    maxFileSize,
    fileTimeBudget: DEFAULT_FILE_TIME_BUDGET_MS,
    severities,
    yieldBetweenFiles: backend.kind === "native",
  });
  const report: ScanReport = {
    tool: { name: "sterile", version: io.version },
    root,
    commandLine,
    startedAt,
    finishedAt: new Date().toISOString(),
    parser: backend.kind,
    rules: allRules.filter((rule) => severities.get(rule.id) !== "off"),
    ...outcome,
  };
  const color = format === "text" && !values.output && io.stdoutIsTTY && !io.env.NO_COLOR;
  await writeReport(render(format, report, color), values.output, io);
  if (report.failures.length > 0) {
    for (const failure of report.failures) {
      io.writeErr(`sterile: internal error in rule ${failure.ruleId} on ${failure.path}: ${failure.message}\n`);
      if (values.debug && failure.stack) io.writeErr(`${failure.stack}\n`);
    }
    return 2;
  }
  return report.findings.some((finding) => failsRun(finding.severity, failOn)) ? 1 : 0;
}

function runRules(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { format: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.writeOut(HELP);
    return 0;
  }
  const format = oneOf("--format", values.format, ["text", "json"] as const, "text");
  io.writeOut(formatRules(allRules, format));
  return 0;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const debug = argv.includes("--debug");
  const commandLine = ["sterile", ...argv].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
  try {
    switch (command) {
      case undefined:
      case "--help":
      case "-h":
      case "help":
        io.writeOut(HELP);
        return command === undefined ? 2 : 0;
      case "--version":
      case "-v":
        io.writeOut(`${io.version}\n`);
        return 0;
      case "scan":
        return await runScan(rest, io, commandLine);
      case "rules":
        return runRules(rest, io);
      default:
        throw new UsageError(`unknown command "${command}" (try: sterile --help)`);
    }
  } catch (error) {
    const err = error as Error & { code?: string };
    const usage = error instanceof UsageError || (typeof err.code === "string" && err.code.startsWith("ERR_PARSE_ARGS"));
    io.writeErr(`sterile: ${usage ? "" : "internal error: "}${err.message.split("\n")[0]}\n`);
    if (debug && err.stack) io.writeErr(`${err.stack}\n`);
    return 2;
  }
}
