// `--jobs N`: worker threads running the same FileAnalyzer as the main thread. Each worker builds
// its own engine from a plain-data plan; files are handed out one at a time (so a slow file does
// not hold up a whole batch) and results are put back in walk order, so output is identical for
// any N.

import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { allRules } from "../../../rules/index.ts";
import { PolicyResolver } from "../config/policy.ts";
import { Engine } from "../engine/engine.ts";
import { WasmBackend, type ParserBackend } from "../engine/parser.ts";
import { ProjectFacts, type MacroFact } from "../engine/project-facts.ts";
import type { LoadedConfig } from "./config-file.ts";
import { FileAnalyzer, type FileResult } from "./file-analyzer.ts";
import { loadNativeModule, NativeBackend } from "./native-parser.ts";
import { scanSuppressions } from "./scan-suppressions.ts";
import type { WalkedFile } from "./walk.ts";

/** Everything a worker needs, as structured-clonable data. */
export interface WorkerPlan {
  /** The bundled CLI, which runs the worker side when started as a scan worker. */
  readonly script: string;
  readonly grammarsDir: string;
  readonly parser: "wasm" | "native";
  readonly root: string;
  readonly loaded: LoadedConfig;
  readonly reportUnused: boolean;
  readonly today: string;
  readonly maxFileSize: number;
  readonly fileTimeBudget: number;
  readonly prefilter: boolean;
  readonly parseOnly: boolean;
  readonly facts: readonly MacroFact[];
}

const MARKER = "sterile-scan-worker";

type Request = { readonly index: number; readonly file: WalkedFile };
type Reply = { readonly index: number; readonly result?: FileResult; readonly error?: string };

export async function runOnWorkers(files: readonly WalkedFile[], jobs: number, plan: WorkerPlan, onProgress?: (done: number, total: number) => void): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: jobs }, () => new Worker(plan.script, { workerData: { [MARKER]: plan } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= files.length) {
                resolve();
                return;
              }
              const index = next++;
              worker.postMessage({ index, file: files[index]! } satisfies Request);
            };
            worker.on("message", (reply: Reply | "ready") => {
              if (reply === "ready") return feed();
              if (reply.error || !reply.result) {
                reject(new Error(`scan worker failed on ${files[reply.index]?.path}: ${reply.error ?? "no result"}`));
                return;
              }
              results[reply.index] = reply.result;
              onProgress?.(++done, files.length);
              feed();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => {
              if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

async function workerAnalyzer(plan: WorkerPlan): Promise<FileAnalyzer> {
  const wasm = new WasmBackend((name) => readFile(join(plan.grammarsDir, name)));
  // The worker runs inside the CLI bundle, where `require` resolves the optional native binding.
  const backend: ParserBackend = plan.parser === "native" ? new NativeBackend(loadNativeModule(require), require, wasm) : wasm;
  const engine = await Engine.create(backend, allRules);
  const toConfigPath = (path: string) => toPosix(relative(plan.loaded.dir, join(plan.root, path)));
  const policy = new PolicyResolver(plan.loaded.config);
  const suppressions = await scanSuppressions(plan.loaded, { root: plan.root, toConfigPath, reportUnused: plan.reportUnused, today: plan.today });
  const facts = new ProjectFacts();
  facts.add(plan.facts);
  return new FileAnalyzer(engine, {
    root: plan.root,
    maxFileSize: plan.maxFileSize,
    fileTimeBudget: plan.fileTimeBudget,
    prefilter: plan.prefilter,
    parseOnly: plan.parseOnly,
    policyFor: (path) => policy.forFile(toConfigPath(path)),
    suppressions,
    facts,
  });
}

/** True (and serving) when this thread was started as a scan worker; the CLI entry calls it first. */
export function serveIfScanWorker(): boolean {
  if (isMainThread || !parentPort || !workerData || !(MARKER in (workerData as object))) return false;
  const port = parentPort;
  const plan = (workerData as Record<string, WorkerPlan>)[MARKER]!;
  void workerAnalyzer(plan).then(
    (analyzer) => {
      port.on("message", (request: Request) => {
        analyzer.analyze(request.file).then(
          (result) => port.postMessage({ index: request.index, result } satisfies Reply),
          (error: unknown) => port.postMessage({ index: request.index, error: String(error) } satisfies Reply),
        );
      });
      port.postMessage("ready");
    },
    (error: unknown) => {
      port.postMessage({ index: -1, error: `worker start failed: ${String(error)}` } satisfies Reply);
    },
  );
  return true;
}
