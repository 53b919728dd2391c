// "Sterile: Scan Workspace": lints every lintable file of the workspace folders that the editor does
// not hold open, publishing their diagnostics, with a cancellable percentage progress report. Once a
// scan has run, the set stays fresh: changed files are re-linted, deleted ones cleared, and a
// configuration or `.gitignore` change rescans.

import type { Diagnostic } from "vscode-languageserver";
import { detectLanguage } from "../../../grammars/registry.ts";
import type { Engine } from "../engine/engine.ts";
import type { Finding, SourceFile } from "../engine/types.ts";
import type { FilePolicy } from "./documents.ts";
import type { WorkspaceFiles } from "./host.ts";
import { fileUri, uriKey } from "./uris.ts";

export interface ScanFolder {
  readonly uri: string;
  /** Absolute, `/`-separated. */
  readonly path: string;
}

export interface ScanProgress {
  report(percentage: number, message: string): void;
  readonly cancelled: () => boolean;
}

export interface ScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly skipped: number;
  readonly cancelled: boolean;
  readonly millis: number;
}

export interface ScanDependencies {
  readonly engine: Engine;
  readonly files: WorkspaceFiles;
  /** Whether Sterile is enabled for a folder, and the globs (relative to it) that the walk skips. */
  readonly folderScope: (folder: ScanFolder) => { readonly enable: boolean; readonly exclude: readonly string[] };
  /** The path rules see for a file and its policy (severities, grading), as for open documents. */
  readonly fileScope: (uri: string) => { readonly path: string; readonly policy: FilePolicy };
  /** The findings to show once justified suppressions are applied. */
  readonly visible: (uri: string, source: SourceFile, findings: readonly Finding[]) => Finding[];
  /** Whether the editor holds this document open (then its live diagnostics win). */
  readonly isOpen: (uri: string) => boolean;
  readonly publish: (uri: string, diagnostics: Diagnostic[]) => void;
  readonly diagnostics: (uri: string, path: string, text: string, findings: Finding[]) => Diagnostic[];
  readonly log: (line: string) => void;
}

interface Tracked {
  readonly uri: string;
  readonly absolute: string;
  readonly path: string;
  readonly folder: ScanFolder;
  published: boolean;
}

const PARSE_BUDGET_MS = 10_000;
/** Work between yields to the event loop, so edits and cancellation are handled mid-scan. */
const SLICE_MS = 15;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class WorkspaceScanner {
  /** Files the last scan covered, by URI key. */
  private readonly tracked = new Map<string, Tracked>();
  private generation = 0;
  /** True once a scan has been asked for: from then on the scanned set is kept fresh. */
  active = false;

  constructor(private readonly deps: ScanDependencies) {}

  /** Lints every file of `folders`; a newer scan or `progress.cancelled()` stops this one. */
  async scan(folders: readonly ScanFolder[], progress: ScanProgress): Promise<ScanSummary> {
    const started = Date.now();
    const generation = ++this.generation;
    this.active = true;
    const stale = () => generation !== this.generation || progress.cancelled();
    progress.report(0, "listing files…");
    const listed: Tracked[] = [];
    for (const folder of folders) {
      const scope = this.deps.folderScope(folder);
      if (!scope.enable) continue;
      for (const file of await this.deps.files.list(folder.path, scope.exclude)) {
        listed.push({ uri: fileUri(file.absolute), absolute: file.absolute, path: file.path, folder, published: false });
      }
      if (stale()) break;
    }
    // Files that left the set (deleted, newly ignored or excluded) lose their diagnostics.
    const keep = new Set(listed.map((f) => uriKey(f.uri)));
    for (const [key, old] of this.tracked) {
      if (keep.has(key)) continue;
      if (old.published && !this.deps.isOpen(old.uri)) this.deps.publish(old.uri, []);
      this.tracked.delete(key);
    }

    let findings = 0;
    let skipped = 0;
    let done = 0;
    let lastPercent = -1;
    let sliceStart = Date.now();
    for (const file of listed) {
      if (stale()) break;
      const key = uriKey(file.uri);
      const previous = this.tracked.get(key);
      if (previous) file.published = previous.published;
      this.tracked.set(key, file);
      const result = await this.lint(file);
      if (result === undefined) skipped++;
      else findings += result;
      done++;
      const percent = Math.floor((done / listed.length) * 100);
      if (percent !== lastPercent) {
        lastPercent = percent;
        progress.report(percent, `${done}/${listed.length} files`);
      }
      if (Date.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    }
    const cancelled = stale();
    const summary = { files: done, findings, skipped, cancelled, millis: Date.now() - started };
    this.deps.log(
      `workspace scan ${cancelled ? "stopped" : "finished"}: ${done} of ${listed.length} files, ${findings} findings, ${skipped} skipped, ${summary.millis} ms`,
    );
    return summary;
  }

  /** Lints one tracked file from disk; the number of findings, or `undefined` when skipped. */
  private async lint(file: Tracked): Promise<number | undefined> {
    if (this.deps.isOpen(file.uri)) return 0;
    const read = await this.deps.files.read(file.absolute);
    if ("skipped" in read) {
      this.deps.log(`skipped ${file.path}: ${read.skipped}`);
      this.clear(file);
      return undefined;
    }
    const language = detectLanguage(file.absolute, () => read.text.slice(0, 4096));
    if (!language) {
      this.clear(file);
      return 0;
    }
    const { path, policy } = this.deps.fileScope(file.uri);
    const deadline = Date.now() + PARSE_BUDGET_MS;
    const source: SourceFile = { path, language, text: read.text };
    const analysis = this.deps.engine.analyze(source, { severities: policy.severities, grade: policy.grade, shouldStop: () => Date.now() > deadline });
    if (!analysis.completed) {
      this.deps.log(`skipped ${file.path}: parsing took longer than ${PARSE_BUDGET_MS} ms`);
      this.clear(file);
      return undefined;
    }
    for (const failure of analysis.failures) this.deps.log(`internal error in rule ${failure.ruleId} on ${failure.path}: ${failure.message}`);
    // The file may have been opened while it was read: then the editor's text wins.
    if (this.deps.isOpen(file.uri)) return 0;
    const findings = this.deps.visible(file.uri, source, analysis.findings);
    if (findings.length > 0 || file.published) {
      this.deps.publish(file.uri, this.deps.diagnostics(file.uri, file.path, read.text, findings));
      file.published = findings.length > 0;
    }
    return findings.length;
  }

  private clear(file: Tracked): void {
    if (file.published && !this.deps.isOpen(file.uri)) this.deps.publish(file.uri, []);
    file.published = false;
  }

  /** A tracked file changed on disk (or was closed in the editor): lint it again. */
  async relint(uri: string): Promise<boolean> {
    const file = this.tracked.get(uriKey(uri));
    if (!file) return false;
    await this.lint(file);
    return true;
  }

  /** A tracked file was deleted. */
  forget(uri: string): void {
    const key = uriKey(uri);
    const file = this.tracked.get(key);
    if (!file) return;
    this.clear(file);
    this.tracked.delete(key);
  }

  isTracked(uri: string): boolean {
    return this.tracked.has(uriKey(uri));
  }

  /** Clears every published diagnostic and forgets the scanned set (Sterile disabled). */
  reset(): void {
    this.generation++;
    this.active = false;
    for (const file of this.tracked.values()) this.clear(file);
    this.tracked.clear();
  }
}
