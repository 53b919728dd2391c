// `sterile` command line: dispatch and the exit-code contract. Exit 0 when nothing reaches
// `--fail-on`, 1 when something does, 2 for bad usage, bad config, a missing path or an internal
// error (after every result has been written, so nothing found is lost).

import { parseArgs } from "node:util";
import { allRules } from "../../../rules/index.ts";
import { ConfigError } from "../config/project-config.ts";
import type { CliIO } from "./io.ts";
import { runReport } from "./report-command.ts";
import { formatRules } from "./rules-command.ts";
import { runMerge } from "./merge-command.ts";
import { BaselineError, GitError, runBaseline, runScan } from "./scan-command.ts";
import { UsageError } from "./usage-error.ts";

export type { CliIO };

export const HELP = `sterile — security linter for medical-device firmware

Usage:
  sterile scan [paths…] [options]          scan files and folders (default: .)
  sterile baseline create [paths…] [--output FILE]
                                           record today's findings (default .sterile-baseline.json)
  sterile baseline prune [paths…]          drop baseline entries that no longer match
  sterile report [paths…] --format html|markdown --output FILE
                                           scan as scan does, then write an evidence report for
                                           audits (scope with SHA-256, findings by standard clause,
                                           every suppression and its justification); exits 0
  sterile rules [--format text|json]       list every rule
  sterile merge --format sarif|json FILES… --output FILE
                                           combine the reports of --shard runs into one
  sterile lsp --stdio                      run the language server on stdin/stdout (Neovim, Emacs, Helix…)
  sterile --version | --help

Scan options:
  --format FMT[=FILE]          text, json, sarif, github, junit, gitlab or markdown (default: text);
                               repeatable: one to stdout, the others to files (--format sarif=out.sarif)
  --output FILE                write the (single) report to FILE instead of stdout
  --fail-on error|warning|note|none
                               lowest severity that makes the exit code 1 (default: warning, or failOn
                               from the project config)
  --config FILE                project config (default: nearest .sterile.yml/.yaml/.json upward)
  --baseline FILE              report only findings not recorded in FILE
  --changed-since REF          scan files changed since the git REF; report findings on changed lines
  --fix                        apply safe fixes (atomically; encoding and line endings kept)
  --unsafe-fixes               with --fix: apply fixes that may change behaviour too
  --dry-run                    with --fix: print a unified diff, change nothing
  --exclude GLOB               skip paths matching GLOB (relative to the project root); repeatable
  --no-gitignore               do not honour .gitignore files
  --parser wasm|native|auto    parser backend (default: wasm; auto uses native if it loads)
  --max-file-size BYTES        skip larger files, reporting them (default: 4MiB; k/M suffixes allowed)
  --time-budget MS             skip (and report) a file whose analysis takes longer (default: 10000)
  --jobs N                     worker threads (default: available cores); output is the same for any N
  --shard K/N                  analyse the K-th of N deterministic shares (CI matrices); combine with merge
  --no-prefilter               parse every file, even those holding no rule's trigger word (same results)
  --parse-only                 benchmarking aid: parse every file, run no rules
  --report-unused-suppressions report sterile-ignore comments and suppress: entries that cover nothing
  --debug                      print stack traces for internal errors

Suppressions: \`// sterile-ignore-next-line <rule-id> -- <justification>\` (or # / ; comments) above
the line, or suppress: in the project config; suppressed findings stay in json and sarif, are counted
in text and never fail the run.

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or config error, missing path or
internal error. Paths in reports are relative to the project root: the nearest folder upward
holding .sterile.yml/.yaml/.json or .git.
`;

function runLsp(args: string[], io: CliIO): number | Promise<number> {
  const { values } = parseArgs({ args, options: { stdio: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.writeOut(HELP);
    return 0;
  }
  if (!values.stdio) throw new UsageError("lsp needs --stdio: the language server speaks LSP over stdin and stdout");
  if (!io.startLanguageServer) throw new UsageError("lsp is not available in this build");
  io.startLanguageServer();
  // The server owns the process from here; it exits when the editor sends `exit` or closes stdin.
  return new Promise<number>(() => {});
}

function runRules(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { format: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.writeOut(HELP);
    return 0;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be one of text, json (got "${format}")`);
  io.writeOut(formatRules(allRules, format));
  return 0;
}

/** Execution details (job count, shard) are left out, so sharded and parallel runs report the same command. */
const EXECUTION_FLAGS = new Set(["--jobs", "-j", "--shard"]);

function recordedCommandLine(argv: readonly string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (EXECUTION_FLAGS.has(arg)) {
      i++;
      continue;
    }
    if ([...EXECUTION_FLAGS].some((flag) => arg.startsWith(`${flag}=`))) continue;
    kept.push(arg);
  }
  return ["sterile", ...kept].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const debug = argv.includes("--debug");
  const commandLine = recordedCommandLine(argv);
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
      case "baseline":
        return await runBaseline(rest, io, commandLine);
      case "report":
        return await runReport(rest, io, commandLine);
      case "rules":
        return runRules(rest, io);
      case "merge":
        return await runMerge(rest, io);
      case "lsp":
        return await runLsp(rest, io);
      default:
        throw new UsageError(`unknown command "${command}" (try: sterile --help)`);
    }
  } catch (error) {
    const err = error as Error & { code?: string };
    const usage =
      error instanceof UsageError || error instanceof ConfigError || error instanceof BaselineError || error instanceof GitError ||
      (typeof err.code === "string" && err.code.startsWith("ERR_PARSE_ARGS"));
    io.writeErr(`sterile: ${usage ? "" : "internal error: "}${err.message.split("\n")[0]}\n`);
    if (debug && err.stack) io.writeErr(`${err.stack}\n`);
    return 2;
  }
}
