// Runs code-server (VS Code in the browser, a real workbench and extension host) for a test:
// private user-data and extensions folders, our packaged .vsix installed, started in its own
// process group (each page load spawns an extension host; killing the group stops them all).

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CODE_SERVER_ENTRY, ensureCodeServer } from "./code-server-install.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Why code-server cannot be installed here, or `undefined` (its kerberos module builds from source offline). */
export function codeServerMissing() {
  if (!existsSync(CODE_SERVER_ENTRY) && !existsSync("/usr/include/gssapi/gssapi.h")) {
    return "libkrb5-dev is not installed (Debian package: libkrb5-dev; code-server's kerberos module builds from source offline)";
  }
  return undefined;
}

/** The packaged extension, out/<name>-<version>.vsix; packaged now when missing. */
export function packagedVsix() {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const vsix = join(repoRoot, "out", `${pkg.name}-${pkg.version}.vsix`);
  if (!existsSync(vsix)) {
    const built = spawnSync(process.execPath, [join(repoRoot, "scripts", "package.mjs")], { cwd: repoRoot, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`packaging failed: ${built.stdout}${built.stderr}`);
  }
  return vsix;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, log, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not become healthy within ${ms} ms:\n${log()}`);
}

/**
 * Installs `vsix` into a fresh profile under `workDir` and starts code-server. Returns its URL,
 * a `stop()` that ends the whole process group, and its log.
 */
export async function startCodeServer({ workDir, vsix, settings = {} }) {
  const { node, entry } = ensureCodeServer();
  const userData = join(workDir, "user-data");
  const extensions = join(workDir, "extensions");
  mkdirSync(join(userData, "User"), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(join(userData, "User", "settings.json"), JSON.stringify(settings, null, 2));
  const port = await freePort();
  const config = join(workDir, "config.yaml");
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const common = ["--config", config, "--user-data-dir", userData, "--extensions-dir", extensions];

  const install = spawnSync(node, [entry, ...common, "--install-extension", vsix, "--force"], { encoding: "utf8", timeout: 120_000 });
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`installing ${vsix} failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  let output = "";
  const child = spawn(
    node,
    [entry, ...common, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override"],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const timer = new Promise((resolve) => setTimeout(resolve, 5000));
    if ((await Promise.race([exited.then(() => "exited"), timer])) !== "exited") {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, log: () => output, userData, extensions };
}
