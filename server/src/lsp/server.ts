// The language server: a thin host over the engine. It owns the open documents (incrementally
// reparsed on every change), publishes their findings as diagnostics, answers code actions and
// hovers from the latest analysis, runs the workspace scan and keeps it fresh. Platform access
// (wasm bytes, disk) comes through `ServerHost`, so the same core can run in Node or a worker.

import picomatch from "picomatch";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type FileEvent,
  type InitializeError,
  type InitializeResult,
  type WorkspaceFolder,
} from "vscode-languageserver";
import { detectLanguage, fileGlobs, LANGUAGES, type LanguageId } from "../../../grammars/registry.ts";
import { allRules, ruleById } from "../../../rules/index.ts";
import { PolicyResolver } from "../config/policy.ts";
import { EMPTY_CONFIG } from "../config/project-config.ts";
import type { ConfigSuppressions } from "../engine/suppressions.ts";
import { Engine } from "../engine/engine.ts";
import { WasmBackend } from "../engine/parser.ts";
import type { Finding, Rule, SourceFile } from "../engine/types.ts";
import { projectConfigFromClient } from "./client-project-config.ts";
import { codeActions, FIX_ALL_KIND, SELECT_JUSTIFICATION_COMMAND } from "./code-actions.ts";
import { safeMessage, toDiagnostic } from "./diagnostics.ts";
import { DocumentStore, type FilePolicy, type OpenDocument } from "./documents.ts";
import type { LoadedProject, ServerHost } from "./host.ts";
import { hoverContent } from "./hover.ts";
import { DEFAULT_SETTINGS, parseSettings, sameSettings, type Settings } from "./settings.ts";
import { fileUri, isFileUri, relativeTo, uriKey, uriPath, withPath } from "./uris.ts";
import { configSuppressions, visibleFindings } from "./suppress.ts";
import { WorkspaceScanner, type ScanFolder, type ScanSummary } from "./workspace-scan.ts";

export const SCAN_WORKSPACE_COMMAND = "sterile.server.scanWorkspace";
/** Shown where the host cannot list files (the browser worker): the scan degrades to open files. */
export const SCAN_UNAVAILABLE =
  "Sterile: Scan Workspace is not available in the browser (no file system to list); open files are still linted as you type.";

/** What our own VS Code client tells the server in `initializationOptions`. */
export interface InitializationOptions {
  /** The client runs `command:` links in hovers (VS Code with a trusted markdown allow-list). */
  readonly commandLinks?: boolean;
  /** The client answers `sterile/projectConfig`, reading the config through its own file system. */
  readonly projectConfigRequest?: boolean;
}

/** A parse that takes longer than this is abandoned; the document keeps its last diagnostics. */
const PARSE_BUDGET_MS = 5_000;
/** Documents larger than this are not linted as you type (the CLI's default size limit). */
const MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;
/**
 * Analyses faster than this run at once; slower ones (large files) wait a quarter of their own
 * duration, at most `MAX_DEBOUNCE_MS`, so a burst of keystrokes is analysed once, not once each.
 * Fast typing leaves 60–100 ms between keystrokes, so an analysis under 50 ms never falls behind
 * and waiting would only add latency.
 */
const IMMEDIATE_BELOW_MS = 50;
const MAX_DEBOUNCE_MS = 100;
const WATCHED_FILES_DEBOUNCE_MS = 150;

function canonicalRuleId(id: string): string | undefined {
  return ruleById(id)?.id;
}

interface Folder extends ScanFolder {
  readonly name: string;
}

function toFolder(folder: WorkspaceFolder): Folder {
  return { uri: folder.uri, path: uriPath(folder.uri).replace(/\/$/, ""), name: folder.name };
}

/** How one workspace folder is linted: its settings and project config, with matchers built once. */
interface FolderScope {
  readonly settings: Settings;
  readonly project?: LoadedProject;
  readonly policy: PolicyResolver;
  /** Globs from settings, matched against paths relative to the workspace folder. */
  readonly settingsExclude: (folderPath: string) => boolean;
  /** Globs from the project config, matched against paths relative to its folder. */
  readonly projectExclude: (projectPath: string) => boolean;
  /** Every exclude, rewritten relative to the workspace folder, for the walker. */
  readonly walkExclude: (folder: string) => string[];
  /** The project config's `suppress:` entries, compiled. */
  readonly suppressions?: ConfigSuppressions;
}

interface DocumentScope {
  readonly enable: boolean;
  /** `sterile.showSuppressed`: suppressed findings shown as notes. */
  readonly showSuppressed: boolean;
  readonly excluded: boolean;
  readonly path: string;
  readonly policy: FilePolicy;
  readonly suppressions?: ConfigSuppressions;
}

function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch([...globs], { dot: true });
  // A glob naming a folder (`third_party/**`, `build/`) covers everything below it.
  return (path) => match(path) || path.split("/").some((_, i, parts) => i > 0 && match(`${parts.slice(0, i).join("/")}/`));
}

function makeScope(settings: Settings, project: LoadedProject | undefined): FolderScope {
  const config = project?.config ?? EMPTY_CONFIG;
  const suppressions = configSuppressions(project);
  return {
    settings,
    ...(project ? { project } : {}),
    ...(suppressions ? { suppressions } : {}),
    // Editor settings first, then the reviewed project file (which wins), then its overrides.
    policy: new PolicyResolver(config, settings.rules),
    settingsExclude: globMatcher(settings.exclude),
    projectExclude: globMatcher(config.exclude),
    walkExclude: (folder) => [
      ...settings.exclude,
      ...config.exclude.map((glob) => {
        // The config is found in the folder or above it; its globs are relative to its own folder.
        const prefix = project ? relativeTo(project.dir, folder) : undefined;
        if (prefix === undefined || glob.startsWith("**/")) return glob;
        return glob.startsWith(`${prefix}/`) ? glob.slice(prefix.length + 1) : `../${glob}`;
      }),
    ],
  };
}

function sameScope(a: FolderScope, b: FolderScope): boolean {
  return sameSettings(a.settings, b.settings) && a.project?.dir === b.project?.dir && JSON.stringify(serializeConfig(a)) === JSON.stringify(serializeConfig(b));
}

function serializeConfig(scope: FolderScope): unknown {
  const config = scope.project?.config;
  if (!config) return null;
  return { rules: [...config.rules], exclude: config.exclude, overrides: config.overrides.map((o) => ({ files: o.files, rules: [...o.rules] })), context: config.context };
}

const DEFAULT_SCOPE: FolderScope = makeScope(DEFAULT_SETTINGS, undefined);

export function startServer(connection: Connection, host: ServerHost): void {
  let engine: Engine | undefined;
  let capabilities: ClientCapabilities = {};
  let options: InitializationOptions = {};
  let folders: Folder[] = [];
  const documents = new DocumentStore();
  /** Per workspace folder (key: folder URI; "" for files outside every folder). */
  const scopes = new Map<string, FolderScope>();
  let pushedSettings: unknown;
  let shownProblems = "";
  let resolveSettingsReady: () => void = () => {};
  const settingsReady = new Promise<void>((resolve) => (resolveSettingsReady = resolve));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let scanner: WorkspaceScanner | undefined;
  let watchedTimer: ReturnType<typeof setTimeout> | undefined;
  const watchedEvents: FileEvent[] = [];

  const log = (line: string) => connection.console.log(line);
  // Plain notifications, not requests: a client that prompts for a request's answer (Neovim) would block.
  const notify = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });

  // ----- paths, folders, settings -------------------------------------------------------------

  const folderOf = (uri: string): Folder | undefined => {
    const path = uriPath(uri);
    let best: Folder | undefined;
    for (const folder of folders) {
      if (relativeTo(folder.path, path) !== undefined && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  };

  const scopeOfFolder = (folder: Folder | undefined): FolderScope => scopes.get(folder?.uri ?? "") ?? scopes.get("") ?? DEFAULT_SCOPE;

  /**
   * Everything that decides how a document is linted: whether Sterile is on for it, whether an
   * exclude glob (settings or project config) covers it, the path rules see (relative to the
   * project config's folder, else the workspace folder) and its severities and grading.
   */
  const scopeOf = (uri: string): DocumentScope => {
    const absolute = uriPath(uri);
    const folder = folderOf(uri);
    const scope = scopeOfFolder(folder);
    const folderPath = (folder && relativeTo(folder.path, absolute)) ?? absolute;
    const projectPath = scope.project ? relativeTo(scope.project.dir, absolute) : undefined;
    const path = projectPath ?? folderPath;
    const excluded = scope.settingsExclude(folderPath) || (projectPath !== undefined && scope.projectExclude(projectPath));
    const policy = scope.policy.forFile(path);
    return {
      enable: scope.settings.enable,
      showSuppressed: scope.settings.showSuppressed,
      excluded,
      path,
      policy: { severities: policy.severities, grade: policy.grade },
      ...(scope.suppressions ? { suppressions: scope.suppressions } : {}),
    };
  };

  const uriOfPath = (documentUri: string, path: string): string => {
    // A document of another scheme (a virtual or remote workspace) points into that same place.
    const toUri = isFileUri(documentUri) ? fileUri : (absolute: string) => withPath(documentUri, absolute);
    if (path.startsWith("/") || /^[A-Za-z]:\//.test(path)) return toUri(path);
    const scope = scopeOfFolder(folderOf(documentUri));
    const base = scope.project?.dir ?? folderOf(documentUri)?.path;
    return base ? toUri(`${base}/${path}`) : toUri(path);
  };

  const languageOf = (document: OpenDocument): LanguageId | undefined => {
    if (isFileUri(document.uri) || /\/[^/]+$/.test(uriPath(document.uri))) {
      const detected = detectLanguage(uriPath(document.uri), () => document.text.slice(0, 4096));
      if (detected) return detected;
    }
    // Untitled buffers have no name to go by: trust the editor's language id.
    if (!isFileUri(document.uri)) {
      for (const info of Object.values(LANGUAGES)) if (info.vscodeLanguageIds.includes(document.languageId)) return info.id;
    }
    return undefined;
  };

  const showProblems = (problems: string[]) => {
    const joined = problems.join("\n");
    if (joined === shownProblems) return;
    shownProblems = joined;
    if (problems.length === 0) return;
    for (const problem of problems) connection.console.warn(`settings: ${problem}`);
    notify(MessageType.Warning, `Sterile: invalid settings — ${problems.join("; ")}`);
  };

  /**
   * The project config of a workspace folder: read from disk by the host where the folder is on
   * it, else asked of a client that reads its own file system (ours, in the browser or a virtual
   * workspace); none otherwise.
   */
  const loadProject = async (folder: Folder): Promise<LoadedProject | { readonly error: string } | undefined> => {
    if (isFileUri(folder.uri) && host.loadProjectConfig) return host.loadProjectConfig(folder.path);
    if (options.projectConfigRequest) return projectConfigFromClient(connection, folder);
    return undefined;
  };

  /**
   * Pulls the settings for every folder (or takes the pushed ones) and reads each folder's project
   * config, validating both; returns whether anything that affects findings changed.
   */
  const refreshConfiguration = async (): Promise<boolean> => {
    const problems = new Set<string>();
    const read = (raw: unknown) => {
      const parsed = parseSettings(raw, canonicalRuleId);
      parsed.problems.forEach((p) => problems.add(p));
      return parsed.settings;
    };
    const settingsByFolder = new Map<string, Settings>();
    if (capabilities.workspace?.configuration) {
      try {
        const items = [{ section: "sterile" }, ...folders.map((f) => ({ scopeUri: f.uri, section: "sterile" }))];
        const values = (await connection.workspace.getConfiguration(items)) as unknown[];
        settingsByFolder.set("", read(values[0]));
        folders.forEach((f, i) => settingsByFolder.set(f.uri, read(values[i + 1])));
      } catch (error) {
        log(`could not read settings (${(error as Error).message}); using defaults`);
      }
    } else {
      const pushed = read(pushedSettings);
      settingsByFolder.set("", pushed);
      for (const f of folders) settingsByFolder.set(f.uri, pushed);
    }
    const next = new Map<string, FolderScope>();
    for (const key of ["", ...folders.map((f) => f.uri)]) {
      const folder = folders.find((f) => f.uri === key);
      let project: LoadedProject | undefined;
      if (folder) {
        const loaded = await loadProject(folder);
        if (loaded && "error" in loaded) problems.add(`project config ${loaded.error} (ignored until fixed)`);
        else if (loaded) project = loaded;
      }
      next.set(key, makeScope(settingsByFolder.get(key) ?? DEFAULT_SETTINGS, project));
    }
    const changed = [...new Set([...next.keys(), ...scopes.keys()])].some((key) => {
      const a = next.get(key);
      const b = scopes.get(key);
      return !a || !b || !sameScope(a, b);
    });
    scopes.clear();
    for (const [key, scope] of next) scopes.set(key, scope);
    showProblems([...problems]);
    return changed;
  };

  // ----- diagnostics for open documents -------------------------------------------------------

  const docsHref = (ruleId: string) => host.docsUri(ruleId);

  const diagnosticsFor = (uri: string, text: string, findings: readonly Finding[]): Diagnostic[] =>
    findings.map((finding) => toDiagnostic(finding, { text, uri, uriOf: (path) => uriOfPath(uri, path), docsHref }));

  const publish = (uri: string, diagnostics: Diagnostic[], version?: number) => {
    void connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  };

  /** Runs the rules on an open document now; returns the analysis (also cached on the document). */
  const analyzeNow = (document: OpenDocument) => {
    const scope = scopeOf(document.uri);
    const language = languageOf(document);
    if (!engine || !scope.enable || scope.excluded || !language) return undefined;
    if (document.text.length > MAX_DOCUMENT_CHARS) return undefined;
    const analysed = document.analyze(engine, { path: scope.path, language }, scope.policy, PARSE_BUDGET_MS);
    if (!analysed) {
      log(`${scope.path}: parsing took longer than ${PARSE_BUDGET_MS} ms; diagnostics not updated`);
      return undefined;
    }
    for (const failure of analysed.failures) log(`internal error in rule ${failure.ruleId} on ${failure.path}: ${failure.message}`);
    const source = { path: scope.path, language, text: analysed.text };
    const result = { ...analysed, findings: visibleFindings(engine, source, analysed.findings, scope.policy, scope.suppressions, scope.showSuppressed) };
    document.last = result;
    return result;
  };

  const lintOpen = (uri: string) => {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    const scope = scopeOf(uri);
    if (!engine || !scope.enable || scope.excluded || !languageOf(document)) {
      document.last = undefined;
      publish(uri, [], document.version);
      return;
    }
    const result = analyzeNow(document);
    // Version guard: only the analysis of the text the editor currently has may be published.
    if (!result || documents.get(uri) !== document || result.version !== document.version) return;
    publish(uri, diagnosticsFor(uri, result.text, result.findings), result.version);
  };

  const schedule = (document: OpenDocument) => {
    const pending = timers.get(document.uri);
    if (pending) clearTimeout(pending);
    const last = document.last?.millis ?? 0;
    const delay = last < IMMEDIATE_BELOW_MS ? 0 : Math.min(MAX_DEBOUNCE_MS, Math.round(last / 4));
    const uri = document.uri;
    timers.set(
      uri,
      setTimeout(() => {
        void settingsReady.then(() => lintOpen(uri));
      }, delay),
    );
  };

  /** The analysis matching the document's current version, running it if a change is pending. */
  const currentAnalysis = (document: OpenDocument) => {
    if (document.last && document.last.version === document.version) return document.last;
    const pending = timers.get(document.uri);
    if (pending) {
      clearTimeout(pending);
      timers.delete(document.uri);
    }
    const result = analyzeNow(document);
    if (result) publish(document.uri, diagnosticsFor(document.uri, result.text, result.findings), result.version);
    return result;
  };

  // ----- workspace scan -----------------------------------------------------------------------

  const scanFolders = (): Folder[] => folders.filter((f) => isFileUri(f.uri));

  const runScan = async (reason: string): Promise<ScanSummary | undefined> => {
    if (!scanner) {
      notify(MessageType.Info, SCAN_UNAVAILABLE);
      return undefined;
    }
    const targets = scanFolders();
    if (targets.length === 0) {
      notify(MessageType.Info, "Sterile: open a folder to scan it; open files are linted as you type.");
      return undefined;
    }
    log(`workspace scan (${reason}) of ${targets.map((f) => f.path).join(", ")}`);
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin("Sterile: scanning workspace", 0, "listing files…", true);
    try {
      return await scanner.scan(targets, {
        report: (percentage, message) => reporter.report(percentage, message),
        cancelled: () => reporter.token.isCancellationRequested,
      });
    } finally {
      reporter.done();
    }
  };

  /** Re-lints every open document (after a settings or project config change). */
  const relintOpen = () => {
    for (const document of documents.all()) {
      document.last = undefined;
      schedule(document);
    }
  };

  const flushWatchedFiles = async () => {
    watchedTimer = undefined;
    const events = watchedEvents.splice(0);
    const names = events.map((e) => uriPath(e.uri).split("/").pop() ?? "");
    const configChanged = names.some((n) => /^\.sterile\.(ya?ml|json)$/.test(n));
    if (configChanged && (await refreshConfiguration())) {
      log("project config changed: re-linting");
      relintOpen();
    }
    if (!scanner?.active) return;
    if (configChanged || names.includes(".gitignore") || events.some((e) => e.type === FileChangeType.Created && !scanner?.isTracked(e.uri))) {
      // The set of files to lint may have changed: list again (cheap) and lint what is new.
      await runScan("files changed");
      return;
    }
    for (const event of events) {
      if (documents.get(event.uri)) continue;
      if (event.type === FileChangeType.Deleted) scanner.forget(event.uri);
      else await scanner.relint(event.uri);
    }
  };

  // ----- lifecycle ----------------------------------------------------------------------------

  connection.onInitialize(async (params): Promise<InitializeResult | ResponseError<InitializeError>> => {
    capabilities = params.capabilities;
    options = (params.initializationOptions ?? {}) as InitializationOptions;
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "root" }] : [])).map(toFolder);
    try {
      engine = await Engine.create(new WasmBackend(host.readWasm), allRules);
    } catch (error) {
      return new ResponseError(1, `Sterile could not load its parsers: ${(error as Error).message}`, { retry: false });
    }
    if (host.files) {
      const files = host.files;
      const current = engine;
      scanner = new WorkspaceScanner({
        engine: current,
        files,
        folderScope: (folder) => {
          const scope = scopeOfFolder(folders.find((f) => f.uri === folder.uri));
          return { enable: scope.settings.enable, exclude: scope.walkExclude(folder.path) };
        },
        fileScope: (uri) => {
          const scope = scopeOf(uri);
          return { path: scope.path, policy: scope.policy };
        },
        visible: (uri, source, findings) => {
          const scope = scopeOf(uri);
          return visibleFindings(current, source, findings, scope.policy, scope.suppressions, scope.showSuppressed);
        },
        isOpen: (uri) => documents.all().some((d) => uriKey(d.uri) === uriKey(uri)),
        publish: (uri, diagnostics) => publish(uri, diagnostics),
        diagnostics: (uri, _path, text, findings) => diagnosticsFor(uri, text, findings),
        log,
      });
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [SCAN_WORKSPACE_COMMAND, SELECT_JUSTIFICATION_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "sterile", version: host.version },
    };
  });

  connection.onInitialized(async () => {
    const rules = allRules.length;
    log(`Sterile ${host.version}: ${rules} rules; folders: ${folders.map((f) => f.path).join(", ") || "(none)"}`);
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "sterile" });
    }
    if ((scanner || host.loadProjectConfig || options.projectConfigRequest) && capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // Without a scanner (the browser) only the project config is watched: it changes open files' findings.
      const globs = [...(scanner ? [...fileGlobs(), "**/.gitignore"] : []), "**/.sterile.{yml,yaml,json}"];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f.uri)), ...event.added.map(toFolder)];
        await refreshConfiguration();
        for (const document of documents.all()) schedule(document);
        if (scanner?.active) await runScan("workspace folders changed");
      });
    }
    await refreshConfiguration();
    resolveSettingsReady();
  });

  connection.onDidChangeConfiguration(async (params) => {
    const settings = (params.settings as { sterile?: unknown } | undefined)?.sterile;
    if (settings !== undefined) pushedSettings = settings;
    await settingsReady;
    if (!(await refreshConfiguration())) return;
    log("settings changed: re-linting");
    relintOpen();
    const anyEnabled = [...scopes.values()].some((scope) => scope.settings.enable);
    if (!anyEnabled) scanner?.reset();
    else if (scanner?.active) await runScan("settings changed");
  });

  connection.onDidChangeWatchedFiles((params) => {
    watchedEvents.push(...params.changes);
    if (watchedTimer) clearTimeout(watchedTimer);
    watchedTimer = setTimeout(() => void flushWatchedFiles(), WATCHED_FILES_DEBOUNCE_MS);
  });

  // ----- documents ----------------------------------------------------------------------------

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const document = documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    schedule(document);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const document = documents.get(textDocument.uri);
    if (!document || !engine) return;
    // An out-of-order or repeated version cannot be applied to the text we hold; the editor's next
    // full sync (reopen) recovers. Never seen from real clients, logged if it happens.
    if (textDocument.version !== null && textDocument.version <= document.version) {
      log(`${uriPath(textDocument.uri)}: change for version ${textDocument.version} after ${document.version}; ignored`);
      return;
    }
    document.applyChanges(engine, contentChanges, textDocument.version ?? document.version + 1);
    schedule(document);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const pending = timers.get(textDocument.uri);
    if (pending) clearTimeout(pending);
    timers.delete(textDocument.uri);
    documents.close(textDocument.uri);
    // A scanned workspace keeps the file's on-disk findings; otherwise closing clears them.
    if (scanner?.isTracked(textDocument.uri)) void scanner.relint(textDocument.uri);
    else publish(textDocument.uri, []);
  });

  // ----- code actions and hover ---------------------------------------------------------------

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !engine) return [];
    const result = currentAnalysis(document);
    if (!result) return [];
    const scope = scopeOf(document.uri);
    const current = engine;
    const file: Omit<SourceFile, "text"> = { path: scope.path, language: result.language };
    return codeActions({
      uri: document.uri,
      document: document.textDocument,
      language: result.language,
      findings: result.findings,
      range: params.range,
      context: params.context,
      documentChanges: Boolean(capabilities.workspace?.workspaceEdit?.documentChanges),
      disabledSupport: Boolean(capabilities.textDocument?.codeAction?.disabledSupport),
      reanalyze: (text) =>
        visibleFindings(current, { ...file, text }, current.analyze({ ...file, text }, { severities: scope.policy.severities, grade: scope.policy.grade }).findings, scope.policy, scope.suppressions, scope.showSuppressed),
    });
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const result = currentAnalysis(document);
    if (!result) return null;
    const offset = document.textDocument.offsetAt(params.position);
    const entries: { rule: Rule; finding: Finding; message: string }[] = [];
    for (const finding of result.findings) {
      if (offset < finding.range.start || offset > finding.range.end) continue;
      const rule = ruleById(finding.ruleId);
      if (rule) entries.push({ rule, finding, message: safeMessage(finding, result.text) });
    }
    if (entries.length === 0) return null;
    const first = entries[0]!.finding;
    return {
      contents: hoverContent(entries, (rule) => {
        const docs = host.docsUri(rule.id);
        return {
          ...(docs ? { docs } : {}),
          ...(options.commandLinks ? { openDocsCommand: `command:sterile.showRuleDocumentation?${encodeURIComponent(JSON.stringify([rule.id]))}` } : {}),
        };
      }),
      range: { start: { ...first.range.startPosition }, end: { ...first.range.endPosition } },
    };
  });

  // ----- commands -----------------------------------------------------------------------------

  connection.onExecuteCommand(async (params) => {
    switch (params.command) {
      case SCAN_WORKSPACE_COMMAND:
        await settingsReady;
        return (await runScan("command")) ?? null;
      case SELECT_JUSTIFICATION_COMMAND: {
        const [uri, selection] = (params.arguments ?? []) as [string, { start: { line: number; character: number }; end: { line: number; character: number } }];
        if (typeof uri !== "string" || !selection) return null;
        if (!capabilities.window?.showDocument?.support) return null;
        const shown = await connection.window.showDocument({ uri, selection, takeFocus: true });
        return shown.success;
      }
      default:
        return new ResponseError(-32602, `unknown command ${params.command}`);
    }
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    for (const document of documents.all()) documents.close(document.uri);
  });

  connection.listen();
}
