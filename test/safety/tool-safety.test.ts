// The tool's own safety (docs/security-of-the-tool.md): it never executes or loads anything from
// the workspace it scans, any git it runs cannot run the repository's code, config files are data
// only, the editor extension has nothing that reaches beyond data (so it may run in untrusted
// workspaces), and what ships is exactly the dependency list the README justifies.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "../../grammars/registry.ts";
import { allRules } from "../../rules/index.ts";
import { ConfigError, parseProjectConfig } from "../../server/src/config/project-config.ts";
import { descendants, type SyntaxNode } from "../../server/src/engine/syntax.ts";
import { makeProject, runCli } from "../support/cli.ts";
import { shippedSourceFiles, typescriptParser } from "../support/shipped-source.ts";
import { REPO_ROOT } from "../support/fixtures.ts";
import { TestLspClient, uriOf } from "../support/lsp-client.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway project (removed after the suite). */
function project(files: Record<string, string>): string {
  const dir = makeProject(files);
  dirs.push(dir);
  return dir;
}

interface CodeUse {
  readonly where: string;
  readonly what: string;
}

/** Every construct in shipped source that could load or run code, found with tree-sitter's TypeScript grammar. */
async function codeLoadingUses(): Promise<CodeUse[]> {
  const parser = await typescriptParser();
  const uses: CodeUse[] = [];
  for (const file of shippedSourceFiles()) {
    const text = readFileSync(file, "utf8");
    const tree = parser.parse(text)!;
    const where = relative(REPO_ROOT, file).split("\\").join("/");
    for (const node of descendants(tree.rootNode as unknown as SyntaxNode)) {
      const callee = node.type === "call_expression" ? node.childForFieldName("function") : node.type === "new_expression" ? node.childForFieldName("constructor") : null;
      if (callee) {
        const name = callee.text;
        const first = node.childForFieldName("arguments")?.namedChild(0);
        const literal = first?.type === "string" ? first.text.slice(1, -1) : undefined;
        if (callee.type === "import") uses.push({ where, what: `import(${first?.text ?? ""})` });
        else if (name === "require") uses.push({ where, what: literal !== undefined ? `require("${literal}")` : `require(${first?.text ?? ""})` });
        else if (name === "eval" || name === "Function" || name === "globalThis.eval") uses.push({ where, what: `${node.type === "new_expression" ? "new " : ""}${name}()` });
        else if (name === "Worker") uses.push({ where, what: "new Worker()" });
        else if (/^(?:process\.dlopen|module\.require|createRequire)$/.test(name)) uses.push({ where, what: `${name}()` });
      }
      if (node.type === "import_statement" || node.type === "export_statement") {
        const source = node.childForFieldName("source")?.text.slice(1, -1);
        if (source && /^(?:node:)?(?:child_process|vm|worker_threads|module|inspector|wasi)$/.test(source)) uses.push({ where, what: `import "${source}"` });
      }
    }
    tree.delete();
  }
  return uses;
}

/** A package whose loading writes `marker`: planted where a careless tool might load it from. */
function trapPackage(dir: string, name: string, marker: string): void {
  const root = join(dir, "node_modules", ...name.split("/"));
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name, version: "9.9.9", main: "index.js" }));
  writeFileSync(join(root, "index.js"), `require("fs").writeFileSync(${JSON.stringify(marker)}, ${JSON.stringify(name)});\n`);
}

function git(dir: string, ...args: string[]): void {
  execFileSync("git", args, { cwd: dir, stdio: "ignore", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" } });
}

describe("the tool never runs the scanned workspace's code", () => {
  it("shipped source loads code only from the tool itself: no eval, no dynamic import, no workspace require", async () => {
    const uses = await codeLoadingUses();
    // Each allowed use, and why it is safe.
    const allowed = new Set([
      // `--parser native|auto`: Node's require from the bundle's own folder (dist/) for the package
      // names in the grammar registry and "tree-sitter" — resolved beside the tool, never from the cwd.
      "server/src/cli/bin.ts: require(id)",
      // `sterile scan --changed-since`: runs `git` (not a shell) with hooks, fsmonitor, pager and drivers off.
      'server/src/cli/git.ts: import "node:child_process"',
      // `--jobs`: worker threads running the CLI's own bundle (`__filename`).
      'server/src/cli/scan-workers.ts: import "node:worker_threads"',
      "server/src/cli/scan-workers.ts: new Worker()",
      // The browser build: the server's own bundle from the extension's folder in a Web Worker.
      "client/src/server-worker.ts: new Worker()",
    ]);
    const found = uses.map((u) => `${u.where}: ${u.what}`);
    expect(found.filter((u) => !allowed.has(u)), "a new way to load or run code: review it and list it here and in docs/security-of-the-tool.md").toEqual([]);
    // The names the native backend requires are package names the tool ships with, fixed in the registry.
    const nativeModules = Object.values(LANGUAGES).flatMap((l) => (l.grammar?.nativeModule ? [l.grammar.nativeModule] : []));
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string>; optionalDependencies: Record<string, string> };
    for (const name of [...nativeModules, "tree-sitter"]) expect({ ...manifest.devDependencies, ...manifest.optionalDependencies }, name).toHaveProperty([name]);
    expect(readFileSync(join(REPO_ROOT, "server/src/cli/native-parser.ts"), "utf8")).toContain('requireFn("tree-sitter")');
    expect(readFileSync(join(REPO_ROOT, "server/src/cli/git.ts"), "utf8")).toMatch(/run\("git", \[/);
  });

  it("loads nothing planted in the workspace: CLI (every parser, workers, --changed-since) and language server", async () => {
    const dir = project({
      "src/wifi.c": '#define WIFI_PASS "Zq8!mediPump-774"\n',
      "src/Kconfig": 'config OTA\n\tbool "OTA"\n',
      sdkconfig: "CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y\n",
      "config/gw.yaml": "broker:\n  url: http://broker.ward.example\n",
      ".sterile.yml": "rules:\n  cleartext-url: note\n",
      // Files a config-loading tool might execute.
      ".sterile.js": "require('fs').writeFileSync('PWNED-config-js', '')\n",
      "sterile.config.js": "require('fs').writeFileSync('PWNED-config-js', '')\n",
      ".sterile.cjs": "require('fs').writeFileSync('PWNED-config-js', '')\n",
    });
    const marker = join(dir, "PWNED");
    for (const name of ["tree-sitter", "tree-sitter-c", "tree-sitter-cpp", "tree-sitter-json", "web-tree-sitter", "yaml", "ajv", "picomatch", "ignore", "vscode-languageserver", "@tree-sitter-grammars/tree-sitter-yaml"]) trapPackage(dir, name, marker);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "firmware", main: "node_modules/tree-sitter/index.js", scripts: { prepare: `touch ${marker}` } }));
    // A repository whose own config and hooks would run code, as in test/cli/pipeline.test.ts, plus
    // a filter driver named only by an untracked, nested .gitattributes.
    rmGit(dir);
    git(dir, "init", "-q");
    git(dir, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "init");
    git(dir, "add", "src/wifi.c");
    git(dir, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "wifi");
    const evil = join(dir, "evil.sh");
    writeFileSync(evil, `#!/bin/sh\ntouch ${marker}\ncat\n`, { mode: 0o755 });
    for (const [key, value] of [["filter.nested.clean", evil], ["filter.nested.process", evil], ["diff.nested.textconv", evil], ["core.fsmonitor", evil], ["diff.external", evil], ["core.pager", evil], ["core.hooksPath", join(dir, "hooks")]]) git(dir, "config", key!, value!);
    mkdirSync(join(dir, "hooks"));
    for (const hook of ["pre-commit", "post-checkout", "reference-transaction", "post-index-change"]) writeFileSync(join(dir, "hooks", hook), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    writeFileSync(join(dir, "src", ".gitattributes"), "*.c filter=nested diff=nested\n");
    writeFileSync(join(dir, "src", "wifi.c"), '#define WIFI_PASS "Zq8!mediPump-774"\n#define API_TOKEN "tk_9fJ2kQ77ab55"\n');

    const runs = [
      ["scan", "--format", "json"],
      ["scan", "--parser", "auto", "--jobs", "2", "--format", "sarif"],
      ["scan", "--changed-since", "HEAD", "--format", "json"],
      ["scan", "--fix", "--dry-run"],
    ].map((args) => runCli(args, { cwd: dir, env: { NODE_PATH: "" } }));
    for (const run of runs) expect(run.status, run.stderr).toBe(1);
    // --changed-since really diffed (untracked files count whole): the committed line is not reported.
    const changed = JSON.parse(runs[2]!.stdout).findings as { path: string; line: number }[];
    expect(changed.filter((f) => f.path === "src/wifi.c").map((f) => f.line)).toEqual([2]);

    const client = await TestLspClient.start({ root: dir });
    try {
      const uri = uriOf(join(dir, "src", "wifi.c"));
      client.open(join(dir, "src", "wifi.c"));
      expect((await client.diagnosticsFor(uri, 1)).length).toBeGreaterThan(0);
      await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 22 } });
      await client.connection.sendRequest("workspace/executeCommand", { command: "sterile.server.scanWorkspace", arguments: [] });
      void client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(join(dir, ".sterile.yml")), type: 2 }] });
      await new Promise((resolve) => setTimeout(resolve, 400));
    } finally {
      await client.stop();
    }
    expect(existsSync(marker) ? `ran: ${readFileSync(marker, "utf8") || "a git hook or driver"}` : "nothing ran").toBe("nothing ran");
    expect(existsSync(join(dir, "PWNED-config-js"))).toBe(false);
  });

  it("refuses to run git where a driver name could not be switched off", () => {
    const dir = project({ "src/wifi.c": "int a;\n" });
    rmGit(dir);
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "init");
    const marker = join(dir, "PWNED");
    // `-c filter.a=b.clean=` would set `filter.a`, leaving the driver "a=b" armed.
    git(dir, "config", "filter.a=b.clean", `touch ${marker}; cat`);
    writeFileSync(join(dir, ".gitattributes"), "*.c filter=a=b\n");
    writeFileSync(join(dir, "src", "wifi.c"), 'int a;\n#define WIFI_PASS "Zq8!mediPump-774"\n');
    const run = runCli(["scan", "--changed-since", "HEAD"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('names a git driver "a=b" that cannot be switched off safely');
    expect(existsSync(marker)).toBe(false);
  });
});

function rmGit(dir: string): void {
  rmSync(join(dir, ".git"), { recursive: true, force: true });
}

describe("config files are data only", () => {
  const known = new Set(allRules.flatMap((r) => [r.id, ...(r.aliases ?? [])]));
  const parse = (text: string) => parseProjectConfig(".sterile.yml", text, known);
  const refused = (text: string): string => {
    try {
      parse(text);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error(`accepted: ${text}`);
  };

  it("refuses YAML tags that would construct values (custom, js/*, and YAML 1.1's binary, set, timestamp …)", () => {
    expect(refused('exclude:\n  - !!js/function "function () { return 1 }"\n')).toMatch(/^\.sterile\.yml:2: YAML tags are not allowed/);
    for (const value of ["!<tag:yaml.org,2002:js/regexp> /x/", "!Custom a", "!!binary aGVsbG8=", "!!timestamp 2001-12-14", "!!python/object:os.system [ls]"]) {
      expect(refused(`exclude: [ ${value} ]\n`)).toMatch(/YAML tags are not allowed/);
    }
    expect(refused("exclude: !!set { a }\n")).toMatch(/YAML tags are not allowed/);
    // The core schema's own tags are plain data.
    expect(parse("exclude: [ !!str a ]\n").exclude).toEqual(["a"]);
  });

  it("refuses alias expansion bombs quickly, merge keys and prototype keys, polluting nothing", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f", "g"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`)];
    const started = Date.now();
    expect(refused(`${levels.join("\n")}\n`)).toMatch(/^\.sterile\.yml:1: cannot be read as data: Excessive alias count/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(refused("base: &b { cleartext-url: off }\nrules:\n  <<: *b\n")).toMatch(/unknown key "base"|"<<"/);
    expect(refused("__proto__:\n  polluted: true\n")).toMatch(/unknown key "__proto__"/);
    expect(refused("rules:\n  __proto__: off\n")).toMatch(/^\.sterile\.yml:2: /);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("the editor extension reaches nothing beyond data", () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    capabilities: { untrustedWorkspaces: { supported: boolean | string } };
    contributes: { configuration: { properties: Record<string, { type: string; items?: { type: string }; additionalProperties?: { enum?: string[] }; enum?: string[] }> } };
  };

  it("declares full support for untrusted workspaces only while no setting can name a program, a path or a URL", () => {
    // Full support is right while every setting is data (on/off, severities, globs, trace level).
    // A setting naming an executable, a server path, a custom-rules module or a URL would need
    // `untrustedWorkspaces: { supported: "limited", restrictedConfigurations: [...] }` instead.
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
    const shapes = Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).map(([key, p]) => [key, p.type === "array" ? `array of ${p.items?.type}` : p.type === "object" ? `object of ${p.additionalProperties?.enum ? "enum" : "?"}` : p.enum ? "enum" : p.type]));
    expect(shapes).toEqual({ "sterile.enable": "boolean", "sterile.rules": "object of enum", "sterile.exclude": "array of string", "sterile.showSuppressed": "boolean", "sterile.trace.server": "enum" });
  });

  it("opens rule documentation only for rule ids (command links from hovers cannot point elsewhere)", () => {
    const ruleDocs = readFileSync(join(REPO_ROOT, "client/src/rule-docs.ts"), "utf8");
    const pattern = /const RULE_ID = \/(.+)\/;/.exec(ruleDocs)?.[1];
    expect(pattern, "client/src/rule-docs.ts validates ids with RULE_ID").toBeDefined();
    const ruleId = new RegExp(pattern!);
    for (const rule of allRules) for (const id of [rule.id, ...(rule.aliases ?? [])]) expect(id).toMatch(ruleId);
    for (const hostile of ["../../../../etc/passwd", "a/b", "x.md", "..", "", "cleartext-url/../../x"]) expect(hostile).not.toMatch(ruleId);
    expect(readFileSync(join(REPO_ROOT, "client/src/activate.ts"), "utf8")).toMatch(/isTrusted: \{ enabledCommands: \["sterile\.showRuleDocumentation"\] \}/);
  });
});

describe("dependencies", () => {
  /** Packages bundled into each shipped file, read from its source map. */
  function bundled(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    const maps = ["dist/cli.js.map", "dist/server.js.map", "dist/client.js.map", "dist/web/client.js.map", "dist/web/server.js.map"].filter((m) => existsSync(join(REPO_ROOT, m)));
    expect(maps.length).toBeGreaterThanOrEqual(3);
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(REPO_ROOT, map), "utf8")) as { sources: string[] };
      for (const source of sources) {
        const at = source.lastIndexOf("node_modules/");
        if (at < 0) continue;
        const parts = source.slice(at + "node_modules/".length).split("/");
        const name = parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
        if (!out.has(name)) out.set(name, new Set());
        out.get(name)!.add(map.replace(/\.map$/, ""));
      }
    }
    return out;
  }

  it("every package that ships is named in the README's Dependencies section and pinned by the lockfile", () => {
    const shipped = bundled();
    expect(shipped.has("yaml")).toBe(true);
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const section = /## Dependencies\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
    const runtime = section.split("Development only")[0]!;
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string; integrity?: string }> };
    for (const [name, files] of shipped) {
      expect(runtime, `${name} ships in ${[...files].join(", ")} but the README does not say why`).toContain(`\`${name}\``);
      const locked = Object.entries(lock.packages).filter(([path]) => path.endsWith(`node_modules/${name}`));
      expect(locked.length, `${name} in package-lock.json`).toBeGreaterThan(0);
      for (const [path, entry] of locked) expect(entry.integrity, `${path} has no integrity hash`).toMatch(/^sha512-/);
    }
    // The native parser and grammar wasm files ship too (copied, not bundled).
    for (const name of ["tree-sitter", "web-tree-sitter", "tree-sitter-c"]) expect(runtime).toContain(`\`${name}\``);
  });
});
