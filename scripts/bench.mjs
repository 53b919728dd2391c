// `npm run bench`: builds a deterministic synthetic firmware corpus and prints, from one run, the
// figures the performance targets are stated in: read-only I/O, parse-everything (1 job, all
// cores), full lint (1 job, all cores, prefilter on/off), MB/s, peak RSS and findings, then the
// same lint at 2× and 4× corpus size, and the language-server latencies. Ratios, not verdicts.
//
// Environment: BENCH_MB (default 50), BENCH_SCALES (default "1,2,4"), BENCH_SKIP_LSP=1.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus } from "./corpus.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli.js");
const cores = availableParallelism();
const baseMb = Number(process.env.BENCH_MB ?? 50);
const scales = (process.env.BENCH_SCALES ?? "1,2,4").split(",").map(Number);
const timeBin = ["/usr/bin/time"].find((p) => existsSync(p));

/** Outside the repository (whose .gitignore would hide it) and marked as its own project root. */
function corpus(mb) {
  const dir = join(process.env.BENCH_DIR ?? join(tmpdir(), "sterile-bench"), `corpus-${mb}mb`);
  generateCorpus(dir, mb, 1);
  mkdirSync(join(dir, ".git"), { recursive: true });
  return dir;
}

function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const info = statSync(full);
      if (info.isDirectory()) {
        if (name !== ".git") walk(full);
      } else if (!name.startsWith(".")) {
        bytes += info.size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** Runs the CLI, returning wall time (s), peak RSS (MB) and the JSON summary. */
function run(dir, args) {
  const command = [process.execPath, cli, "scan", ".", "--format", "json", "--fail-on", "none", ...args];
  const started = process.hrtime.bigint();
  const result = timeBin
    ? spawnSync(timeBin, ["-f", "%e %M", ...command], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 })
    : spawnSync(command[0], command.slice(1), { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`sterile ${args.join(" ")} failed (${result.status}): ${result.stderr.slice(-500)}`);
  const rssLine = timeBin ? result.stderr.trim().split("\n").pop() : "";
  const rssMb = timeBin ? Number(rssLine.split(" ")[1]) / 1024 : NaN;
  const summary = JSON.parse(result.stdout).summary;
  return { seconds, rssMb, findings: summary.findings, parsed: summary.parsed };
}

function readAll(dir) {
  const started = process.hrtime.bigint();
  let bytes = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== ".git") walk(full);
      } else bytes += readFileSync(full).length;
    }
  };
  walk(dir);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes };
}

const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

console.log(`Sterile benchmark — ${cores} cores, Node ${process.version}, corpus ${baseMb} MB × ${scales.join("/")}`);
const base = corpus(baseMb);
const { bytes, files } = sizeOf(base);
const mb = bytes / 1024 / 1024;
console.log(`corpus: ${files} files, ${fmt(mb, 1)} MB (${base})\n`);

const io = readAll(base);
const rows = [];
const measure = (label, args) => {
  const r = run(base, args);
  rows.push({ label, ...r });
  console.log(`${label.padEnd(40)} ${fmt(r.seconds).padStart(7)} s  ${fmt(mb / r.seconds, 1).padStart(7)} MB/s  ${fmt(r.rssMb, 0).padStart(5)} MB RSS  ${String(r.findings).padStart(5)} findings`);
  return r;
};
console.log(`${"read-only I/O".padEnd(40)} ${fmt(io.seconds).padStart(7)} s  ${fmt(mb / io.seconds, 1).padStart(7)} MB/s`);
const parse1 = measure("parse everything, 1 job", ["--parse-only", "--no-prefilter", "--jobs", "1"]);
const parseN = measure(`parse everything, ${cores} jobs`, ["--parse-only", "--no-prefilter", "--jobs", String(cores)]);
const lint1off = measure("lint, 1 job, no prefilter", ["--no-prefilter", "--jobs", "1"]);
const lintNoff = measure(`lint, ${cores} jobs, no prefilter`, ["--no-prefilter", "--jobs", String(cores)]);
const lint1 = measure("lint, 1 job, prefilter", ["--jobs", "1"]);
const lintN = measure(`lint, ${cores} jobs, prefilter`, ["--jobs", String(cores)]);

console.log("\nScaling (lint, all cores, prefilter):");
const scaled = [];
for (const scale of scales) {
  const dir = corpus(baseMb * scale);
  const size = sizeOf(dir).bytes / 1024 / 1024;
  const r = run(dir, ["--jobs", String(cores)]);
  scaled.push({ scale, size, ...r });
  console.log(`  ${String(scale).padStart(2)}× ${fmt(size, 0).padStart(5)} MB  ${fmt(r.seconds).padStart(7)} s  ${fmt(r.rssMb, 0).padStart(5)} MB RSS  ${String(r.findings).padStart(6)} findings`);
}

console.log("\nRatios (targets in parentheses):");
console.log(`  lint all cores / parse-everything 1 job:        ${fmt(lintN.seconds / parse1.seconds)}  (≤ 0.35)`);
console.log(`  lint no prefilter / parse-everything, 1 job:    ${fmt(lint1off.seconds / parse1.seconds)}  (≤ 1.3)`);
console.log(`  lint no prefilter / parse-everything, ${cores} jobs:   ${fmt(lintNoff.seconds / parseN.seconds)}  (≤ 1.3)`);
console.log(`  lint 1 job / lint ${cores} jobs (prefilter):         ${fmt(lint1.seconds / lintN.seconds)}`);
const one = scaled.find((s) => s.scale === 1);
for (const s of scaled.filter((x) => x.scale > 1)) {
  console.log(`  ${s.scale}× corpus time / 1× time:                  ${fmt(s.seconds / one.seconds)}  (≤ ${fmt(s.scale * 1.1, 1)})`);
}
console.log(`  peak RSS across runs:                           ${fmt(Math.max(...rows.map((r) => r.rssMb), ...scaled.map((s) => s.rssMb)), 0)} MB  (≤ 300 MB)`);

if (process.env.BENCH_SKIP_LSP !== "1" && existsSync(join(root, "scripts", "bench-lsp.mjs"))) {
  console.log("\nLanguage server:");
  const lsp = spawnSync(process.execPath, [join(root, "scripts", "bench-lsp.mjs")], { cwd: root, stdio: "inherit" });
  if (lsp.status !== 0) console.log("  (language-server benchmark failed)");
}
