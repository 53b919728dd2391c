// The evaluation harness (`npm run eval`, test/eval.test.ts): runs every rule of the catalog over
// the annotated corpus in eval/corpus/ and scores the findings against the corpus's own
// `expect:` annotations — TP, FP, FN, precision, recall and F1 per family and overall — next to a
// naive line-regex baseline of the kind peer tools use, scored on the same lines.
//
// Scoring:
// - Sterile: a finding is a true positive when an annotation on its START line names its rule id
//   (multiset matching: two annotations of the same id on one line need two findings). Every other
//   finding is a false positive; every unmatched annotation a false negative. Findings a rule
//   reports in another file (a macro defined in a header, used elsewhere) count in that file.
// - Baseline: each regex belongs to a family; a line matched by some regex of a family is one hit
//   of that family, a true positive if the line carries an annotation of that family. Annotated
//   (line, family) pairs without a hit are false negatives.
// Each device folder of the corpus is one project: cross-file facts (string macros) are collected
// per device, as a scan of that device's tree would.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { detectLanguage, type LanguageId } from "../grammars/registry.ts";
import { allRules } from "../rules/index.ts";
import { Engine } from "../server/src/engine/engine.ts";
import { WasmBackend } from "../server/src/engine/parser.ts";
import { ProjectFacts, scanStringMacros } from "../server/src/engine/project-facts.ts";
import type { Family, Finding, Rule } from "../server/src/engine/types.ts";
import { readAnnotations } from "../test/support/annotations.ts";
import { listFiles } from "../test/support/list-files.ts";
import { wasmResolver } from "../test/support/wasm-files.ts";

export type ScoredFamily = Exclude<Family, "suppression">;
export const FAMILIES: readonly ScoredFamily[] = ["credentials", "transport", "updates", "debug-access"];

/**
 * The catalog issue 4 asks for. Annotations may name a rule that is still being written: it counts
 * (as a false negative until the rule lands) in the family given here. Any other unknown id in an
 * annotation is a typo and stops the run.
 */
export const PLANNED_RULES: Readonly<Record<string, ScoredFamily>> = {
  "hardcoded-credential": "credentials",
  "private-key-material": "credentials",
  "ble-fixed-passkey": "credentials",
  "cleartext-url": "transport",
  "tls-verification-disabled": "transport",
  "mqtt-plaintext-port": "transport",
  "tls-disabled": "transport",
  "tls-verify-result-unchecked": "transport",
  "tls-hostname-not-checked": "transport",
  "tls-ca-missing": "transport",
  "mqtt-anonymous-access": "transport",
  "weak-tls-version": "transport",
  "ble-just-works-pairing": "transport",
  "ota-http-allowed": "updates",
  "image-signature-disabled": "updates",
  "mcuboot-dev-signing-key": "updates",
  "verification-always-succeeds": "updates",
  "update-check-disabled": "updates",
  "secure-boot-weakened": "updates",
  "flash-encryption-weakened": "updates",
  "anti-rollback-disabled": "updates",
  "signature-check-compiled-out": "updates",
  "crc-only-image-check": "updates",
  "jtag-enabled": "debug-access",
  "rom-download-mode-enabled": "debug-access",
  "gdb-stub-enabled": "debug-access",
  "debug-shell-exposed": "debug-access",
  "network-shell-exposed": "debug-access",
};

/** Peer-style line regexes (gitleaks/semgrep-generic flavour), each owned by one family. */
export const BASELINE: readonly { readonly family: ScoredFamily; readonly pattern: RegExp }[] = [
  { family: "credentials", pattern: /pass(?:word|wd)?\s*[=:]\s*["']?\w+/i },
  { family: "credentials", pattern: /(?:secret|token|api[_-]?key|psk)\s*[=:]\s*["']?\w+/i },
  { family: "credentials", pattern: /#define\s+\w*(?:PASS|PWD|SECRET|TOKEN)\w*\s+"[^"]+"/i },
  { family: "credentials", pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
  { family: "credentials", pattern: /passkey/i },
  { family: "transport", pattern: /\b(?:http|mqtt|ws|coap|ftp|telnet):\/\//i },
  { family: "transport", pattern: /VERIFY_NONE|VERIFYPEER.*\b0L?\b|VERIFYHOST.*\b0L?\b|setInsecure|insecure\s*[=:]?\s*(?:true|1|y)\b/i },
  { family: "transport", pattern: /\b1883\b/ },
  { family: "transport", pattern: /allow_anonymous\s+true/i },
  { family: "transport", pattern: /tlsv1(?:\.0|\.1)?\b|TLS1_VERSION|SSLv3/i },
  { family: "updates", pattern: /ALLOW_HTTP|SIGNATURE_TYPE_NONE|SECURE_BOOT_INSECURE|VERIFY_SIGNATURE\s+0|skip_?sig/i },
  { family: "updates", pattern: /root-(?:rsa|ec|ed25519)[-\w]*\.pem/i },
  { family: "updates", pattern: /ANTI_ROLLBACK is not set|ENCRYPTION_MODE_DEVELOPMENT=y|allow_?downgrade/i },
  { family: "debug-access", pattern: /(?:JTAG|GDBSTUB|DL_MODE)\w*=y/ },
  { family: "debug-access", pattern: /CONFIG_SHELL=y|esp_console_new_repl/ },
];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  /** null when nothing was reported (no false alarms, but nothing to measure either). */
  readonly precision: number | null;
  /** null when nothing was expected. */
  readonly recall: number | null;
  readonly f1: number | null;
}

export interface Miss {
  /** `path:line` (one-based line), relative to the repository root. */
  readonly where: string;
  readonly ruleId: string;
  readonly family: ScoredFamily | "suppression";
  /** For false positives: the finding's message. */
  readonly message?: string;
}

export interface CorpusStats {
  readonly files: number;
  readonly devices: number;
  readonly ecosystems: readonly string[];
  readonly lines: number;
  readonly expected: number;
  readonly ok: number;
  readonly byLanguage: Readonly<Record<string, number>>;
  readonly byDevice: readonly { readonly device: string; readonly name: string; readonly ecosystem: string; readonly files: number; readonly lines: number; readonly expected: number }[];
}

export interface EvalResult {
  readonly corpus: CorpusStats;
  readonly sterile: {
    readonly overall: Scores;
    readonly families: Readonly<Record<string, Scores>>;
    readonly rules: Readonly<Record<string, Scores>>;
    /** Overall, leaving out the annotations of rules the catalog does not have yet. */
    readonly implemented: Scores;
  };
  readonly baseline: { readonly overall: Scores; readonly families: Readonly<Record<string, Scores>> };
  /** Annotated rule ids the catalog does not have yet, with how many annotations each. */
  readonly pendingRules: Readonly<Record<string, number>>;
  readonly falsePositives: readonly Miss[];
  readonly falseNegatives: readonly Miss[];
  /** Rules that threw on a corpus file. */
  readonly failures: readonly string[];
}

export interface EvalOptions {
  /** Repository root (holds package.json, node_modules, eval/). */
  readonly root: string;
  readonly rules?: readonly Rule[];
}

interface DeviceInfo {
  readonly name: string;
  readonly ecosystem: string;
}

interface CorpusFile {
  readonly device: string;
  readonly absolute: string;
  /** Relative to the repository root, `/`-separated. */
  readonly path: string;
  readonly text: string;
  readonly language: LanguageId;
}

function loadCorpus(root: string): { files: CorpusFile[]; devices: Map<string, DeviceInfo> } {
  const corpusDir = join(root, "eval", "corpus");
  const devicesFile = join(root, "eval", "devices.json");
  const devices = new Map<string, DeviceInfo>(
    Object.entries(existsSync(devicesFile) ? (JSON.parse(readFileSync(devicesFile, "utf8")) as Record<string, DeviceInfo>) : {}),
  );
  const files: CorpusFile[] = [];
  for (const absolute of listFiles(corpusDir)) {
    const text = readFileSync(absolute, "utf8");
    const language = detectLanguage(absolute, () => text);
    if (!language) throw new Error(`${relative(root, absolute)}: no language for this file name; the corpus holds only files Sterile reads`);
    const path = relative(root, absolute).split("\\").join("/");
    const device = relative(corpusDir, absolute).split(/[\\/]/)[0]!;
    files.push({ device, absolute, path, text, language });
  }
  return { files, devices };
}

/** Builds the engine from the wasm files in node_modules, as test/support/engine.ts does. */
export async function createEvalEngine(root: string, rules: readonly Rule[] = allRules): Promise<Engine> {
  const wasmPath = wasmResolver(createRequire(join(root, "package.json")));
  return Engine.create(new WasmBackend(async (fileName) => readFileSync(wasmPath(fileName))), rules);
}

function scores(c: Counts): Scores {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : precision === 0 || recall === 0 ? 0 : null;
  return { ...c, precision, recall, f1 };
}

function bump(map: Map<string, Counts>, key: string, field: keyof Counts): void {
  let counts = map.get(key);
  if (!counts) {
    counts = { tp: 0, fp: 0, fn: 0 };
    map.set(key, counts);
  }
  counts[field]++;
}

function total(map: Map<string, Counts>): Counts {
  const sum: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const c of map.values()) {
    sum.tp += c.tp;
    sum.fp += c.fp;
    sum.fn += c.fn;
  }
  return sum;
}

export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const rules = options.rules ?? allRules;
  const engine = await createEvalEngine(options.root, rules);
  const { files, devices } = loadCorpus(options.root);
  const familyOf = (ruleId: string): ScoredFamily | "suppression" => {
    const family = rules.find((r) => r.id === ruleId)?.family ?? PLANNED_RULES[ruleId];
    if (!family) throw new Error(`unknown rule id "${ruleId}" in a corpus annotation`);
    return family;
  };

  // Annotations of every file, and each device's cross-file facts.
  const annotations = new Map(files.map((f) => [f.path, readAnnotations(f.absolute, f.text, f.language)]));
  const facts = new Map<string, ProjectFacts>();
  for (const file of files) {
    if (file.language !== "c" && file.language !== "cpp") continue;
    let deviceFacts = facts.get(file.device);
    if (!deviceFacts) {
      deviceFacts = new ProjectFacts();
      facts.set(file.device, deviceFacts);
    }
    deviceFacts.add(scanStringMacros(file.path, file.text));
  }

  // Findings, grouped by the file they point into; one finding reported from two uses counts once.
  const findingsByPath = new Map<string, Finding[]>();
  const seen = new Set<string>();
  const failures: string[] = [];
  for (const file of files) {
    const project = facts.get(file.device);
    const analysis = engine.analyze({ path: file.path, language: file.language, text: file.text }, project ? { project } : {});
    for (const failure of analysis.failures) failures.push(`${failure.path}: ${failure.ruleId} threw: ${failure.message}`);
    for (const finding of analysis.findings) {
      const key = `${finding.path}\u0000${finding.ruleId}\u0000${finding.range.start}\u0000${finding.range.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = findingsByPath.get(finding.path) ?? [];
      list.push(finding);
      findingsByPath.set(finding.path, list);
    }
  }

  const families = new Map<string, Counts>(FAMILIES.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]));
  const perRule = new Map<string, Counts>();
  const pendingRules: Record<string, number> = {};
  const falsePositives: Miss[] = [];
  const falseNegatives: Miss[] = [];
  const baselineFamilies = new Map<string, Counts>(FAMILIES.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]));
  let lines = 0;
  let expectedCount = 0;
  let okCount = 0;
  const byLanguage: Record<string, number> = {};
  const byDevice = new Map<string, { files: number; lines: number; expected: number }>();

  for (const file of files) {
    const notes = annotations.get(file.path)!;
    const fileLines = file.text.split(/\r\n|\r|\n/);
    const lineCount = file.text.endsWith("\n") ? fileLines.length - 1 : fileLines.length;
    lines += lineCount;
    expectedCount += notes.expected.length;
    okCount += notes.ok.length;
    byLanguage[file.language] = (byLanguage[file.language] ?? 0) + 1;
    const device = byDevice.get(file.device) ?? { files: 0, lines: 0, expected: 0 };
    device.files++;
    device.lines += lineCount;
    device.expected += notes.expected.length;
    byDevice.set(file.device, device);

    // Sterile.
    const remaining = notes.expected.map((e) => ({ ...e, family: familyOf(e.ruleId) }));
    for (const e of remaining) {
      if (!rules.some((r) => r.id === e.ruleId)) pendingRules[e.ruleId] = (pendingRules[e.ruleId] ?? 0) + 1;
    }
    for (const finding of findingsByPath.get(file.path) ?? []) {
      const line = finding.range.startPosition.line;
      const family = familyOf(finding.ruleId);
      const index = remaining.findIndex((e) => e.line === line && e.ruleId === finding.ruleId);
      if (index >= 0) {
        remaining.splice(index, 1);
        bump(families, family, "tp");
        bump(perRule, finding.ruleId, "tp");
      } else {
        bump(families, family, "fp");
        bump(perRule, finding.ruleId, "fp");
        falsePositives.push({ where: `${file.path}:${line + 1}`, ruleId: finding.ruleId, family, message: finding.message });
      }
    }
    for (const e of remaining) {
      bump(families, e.family, "fn");
      bump(perRule, e.ruleId, "fn");
      falseNegatives.push({ where: `${file.path}:${e.line + 1}`, ruleId: e.ruleId, family: e.family });
    }

    // Baseline: one hit per (line, family).
    const annotatedFamilies = new Map<number, Set<string>>();
    for (const e of notes.expected) {
      const set = annotatedFamilies.get(e.line) ?? new Set<string>();
      set.add(familyOf(e.ruleId));
      annotatedFamilies.set(e.line, set);
    }
    for (let i = 0; i < fileLines.length; i++) {
      const text = fileLines[i]!;
      const hit = new Set<ScoredFamily>();
      for (const { family, pattern } of BASELINE) if (pattern.test(text)) hit.add(family);
      const wanted = annotatedFamilies.get(i) ?? new Set<string>();
      for (const family of hit) bump(baselineFamilies, family, wanted.has(family) ? "tp" : "fp");
      for (const family of wanted) if (!hit.has(family as ScoredFamily)) bump(baselineFamilies, family, "fn");
    }
  }

  const scoreMap = (map: Map<string, Counts>): Record<string, Scores> =>
    Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, c]) => [key, scores(c)]));
  const familyScores = (map: Map<string, Counts>): Record<string, Scores> =>
    Object.fromEntries([...map.keys()].sort((a, b) => familyRank(a) - familyRank(b)).map((key) => [key, scores(map.get(key)!)]));

  const deviceRows = [...byDevice.entries()].map(([device, counts]) => ({
    device,
    name: devices.get(device)?.name ?? device,
    ecosystem: devices.get(device)?.ecosystem ?? "unknown",
    ...counts,
  }));
  return {
    corpus: {
      files: files.length,
      devices: byDevice.size,
      ecosystems: [...new Set(deviceRows.flatMap((d) => d.ecosystem.split(/\s*\+\s*/)))].sort(),
      lines,
      expected: expectedCount,
      ok: okCount,
      byLanguage: Object.fromEntries(Object.entries(byLanguage).sort(([a], [b]) => (a < b ? -1 : 1))),
      byDevice: deviceRows,
    },
    sterile: {
      overall: scores(total(families)),
      families: familyScores(families),
      rules: scoreMap(perRule),
      implemented: scores(total(new Map([...perRule].filter(([id]) => rules.some((r) => r.id === id))))),
    },
    baseline: { overall: scores(total(baselineFamilies)), families: familyScores(baselineFamilies) },
    pendingRules: Object.fromEntries(Object.entries(pendingRules).sort(([a], [b]) => (a < b ? -1 : 1))),
    falsePositives,
    falseNegatives,
    failures,
  };
}

function familyRank(family: string): number {
  const index = (FAMILIES as readonly string[]).indexOf(family);
  return index >= 0 ? index : FAMILIES.length;
}

const fmt = (value: number | null): string => (value === null ? "n/a" : value.toFixed(2));

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
}

/** The figures as a fixed-width table: Sterile and the baseline per family and overall. */
export function formatTable(result: EvalResult): string {
  const widths = [14, 4, 4, 4, 9, 6, 5, 4, 4, 4, 9, 6, 5];
  const out: string[] = [];
  const c = result.corpus;
  out.push(`Corpus: ${c.files} files, ${c.devices} devices, ${c.ecosystems.length} ecosystems, ${c.lines} lines, ${c.expected} expected findings, ${c.ok} annotated negatives`);
  out.push("");
  // Group headings centred over their six columns each.
  const block = widths.slice(1, 7).reduce((sum, w) => sum + w, 0) + 2 * 5;
  const centre = (text: string) => text.padStart(Math.floor((block + text.length) / 2)).padEnd(block);
  out.push(`${"".padEnd(widths[0]!)}  ${centre("Sterile")}  ${centre("Baseline (line regex)")}`.trimEnd());
  out.push(row(["family", "TP", "FP", "FN", "precision", "recall", "F1", "TP", "FP", "FN", "precision", "recall", "F1"], widths));
  const line = (name: string, s: Scores, b: Scores) =>
    row([name, String(s.tp), String(s.fp), String(s.fn), fmt(s.precision), fmt(s.recall), fmt(s.f1), String(b.tp), String(b.fp), String(b.fn), fmt(b.precision), fmt(b.recall), fmt(b.f1)], widths);
  for (const family of Object.keys(result.sterile.families)) {
    const b = result.baseline.families[family] ?? scores({ tp: 0, fp: 0, fn: 0 });
    out.push(line(family, result.sterile.families[family]!, b));
  }
  out.push(line("overall", result.sterile.overall, result.baseline.overall));
  const pending = Object.entries(result.pendingRules);
  if (pending.length > 0) {
    out.push("");
    out.push(`Rules not in the catalog yet (their annotations count as false negatives): ${pending.map(([id, n]) => `${id} (${n})`).join(", ")}`);
    const i = result.sterile.implemented;
    out.push(`Rules in the catalog only: TP ${i.tp}, FP ${i.fp}, FN ${i.fn}, precision ${fmt(i.precision)}, recall ${fmt(i.recall)}, F1 ${fmt(i.f1)}`);
  }
  return out.join("\n");
}

/** Per-rule figures and every false positive and false negative, for triage. */
export function formatDetails(result: EvalResult): string {
  const out: string[] = [];
  const widths = [30, 4, 4, 4, 9, 6];
  out.push(row(["rule", "TP", "FP", "FN", "precision", "recall"], widths));
  for (const [id, s] of Object.entries(result.sterile.rules)) out.push(row([id, String(s.tp), String(s.fp), String(s.fn), fmt(s.precision), fmt(s.recall)], widths));
  out.push("");
  out.push(`False positives (${result.falsePositives.length}):`);
  for (const m of result.falsePositives) out.push(`  ${m.where}  ${m.ruleId}  ${m.message ?? ""}`);
  out.push(`False negatives (${result.falseNegatives.length}):`);
  for (const m of result.falseNegatives) out.push(`  ${m.where}  ${m.ruleId}`);
  if (result.failures.length > 0) {
    out.push(`Rule failures (${result.failures.length}):`);
    for (const f of result.failures) out.push(`  ${f}`);
  }
  return out.join("\n");
}

export interface Floors {
  readonly precision: number;
  readonly recall: number;
}

export interface Thresholds {
  readonly policy?: string;
  readonly overall: Floors;
  readonly families: Readonly<Record<string, Floors>>;
}

/**
 * Every figure below its floor in eval/thresholds.json, as readable lines (empty when all pass).
 * A precision of n/a (nothing reported) has no false alarms and passes; its recall is what fails.
 */
export function thresholdViolations(result: EvalResult, thresholds: Thresholds): string[] {
  const out: string[] = [];
  const check = (name: string, s: Scores | undefined, floors: Floors) => {
    if (!s) {
      out.push(`${name}: no figures (family missing from the results)`);
      return;
    }
    const exact = (value: number | null) => (value === null ? "n/a" : value.toFixed(3));
    if (s.precision !== null && s.precision < floors.precision) out.push(`${name}: precision ${exact(s.precision)} < floor ${floors.precision.toFixed(2)}`);
    if ((s.recall ?? 0) < floors.recall) out.push(`${name}: recall ${exact(s.recall)} < floor ${floors.recall.toFixed(2)}`);
  };
  check("overall", result.sterile.overall, thresholds.overall);
  for (const family of FAMILIES) {
    const floors = thresholds.families[family];
    if (!floors) {
      out.push(`${family}: no floor in eval/thresholds.json`);
      continue;
    }
    check(family, result.sterile.families[family], floors);
  }
  return out;
}

/** A figure rounded down to two decimals, as floors are written (n/a counts as 0 for recall, 1 for precision). */
function floorOf(value: number | null, whenNull: number): number {
  return value === null ? whenNull : Math.floor(value * 100 + 1e-9) / 100;
}

/**
 * The thresholds with every floor raised to the current figure (rounded down) where that is
 * higher; never lowers a floor (`npm run eval -- --raise-floors`).
 */
export function raisedFloors(result: EvalResult, thresholds: Thresholds): Thresholds {
  const raise = (s: Scores | undefined, old: Floors | undefined): Floors => ({
    precision: Math.max(old?.precision ?? 0, s ? floorOf(s.precision, old?.precision ?? 0) : 0),
    recall: Math.max(old?.recall ?? 0, s ? floorOf(s.recall, 0) : 0),
  });
  return {
    ...thresholds,
    overall: raise(result.sterile.overall, thresholds.overall),
    families: Object.fromEntries(FAMILIES.map((f) => [f, raise(result.sterile.families[f], thresholds.families[f])])),
  };
}
