// The extension's manifest and package: activation and selectors come from the grammar registry,
// settings and commands are declared, and the .vsix holds only what runs or is shown, under 5 MB.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activationEvents, documentSelector } from "../../client/src/selectors.ts";
import { fileGlobs, LANGUAGE_IDS, LANGUAGES } from "../../grammars/registry.ts";
import { REPO_ROOT } from "../support/fixtures.ts";

interface Manifest {
  name: string;
  version: string;
  main: string;
  browser: string;
  icon: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string }; virtualWorkspaces: { supported: boolean | string; description?: string } };
  contributes: { commands: { command: string; title: string; category: string }[]; configuration: { properties: Record<string, { type: string; default?: unknown }> } };
  devDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as Manifest;

describe("extension manifest", () => {
  it("activates for every file kind the registry knows (package.json in sync; run scripts/sync-manifest.mjs)", () => {
    expect(manifest.activationEvents).toEqual(activationEvents());
    for (const glob of fileGlobs()) expect(manifest.activationEvents).toContain(`workspaceContains:${glob}`);
    for (const name of ["**/sdkconfig", "**/prj*.conf", "**/*_defconfig", "**/mosquitto.conf", "**/Kconfig", "**/*.pem", "**/*.dts"]) {
      expect(manifest.activationEvents).toContain(`workspaceContains:${name}`);
    }
  });

  it("selects documents by the registry's language ids and file names", () => {
    const selector = documentSelector();
    for (const id of LANGUAGE_IDS) {
      for (const languageId of LANGUAGES[id].vscodeLanguageIds) expect(selector).toContainEqual({ scheme: "file", language: languageId });
    }
    for (const glob of fileGlobs()) expect(selector).toContainEqual({ scheme: "file", pattern: glob });
    // No selector reaches diff views, output channels or other non-document schemes.
    expect(new Set(selector.map((f) => f.scheme))).toEqual(new Set(["file", "untitled", "vscode-vfs"]));
  });

  it("in the browser also selects a remote folder's documents as the web extension host names them (vscode-remote)", () => {
    const selector = documentSelector("browser");
    for (const glob of fileGlobs()) for (const scheme of ["file", "vscode-vfs", "vscode-remote"]) expect(selector).toContainEqual({ scheme, pattern: glob });
    expect(new Set(selector.map((f) => f.scheme))).toEqual(new Set(["file", "untitled", "vscode-vfs", "vscode-remote"]));
  });

  it("declares the commands, settings and capabilities", () => {
    expect(manifest.contributes.commands.map((c) => `${c.category}: ${c.title}`).sort()).toEqual([
      "Sterile: Restart Server",
      "Sterile: Scan Workspace",
      "Sterile: Show Rule Documentation",
    ]);
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual(["sterile.enable", "sterile.exclude", "sterile.rules", "sterile.showSuppressed", "sterile.trace.server"]);
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(manifest.capabilities.virtualWorkspaces.supported).toBe("limited");
    expect(manifest.main).toBe("./dist/client.js");
    // The browser build beside it (vscode.dev, github.dev); virtual workspaces are "limited": no scan.
    expect(manifest.browser).toBe("./dist/web/client.js");
    expect(manifest.capabilities.virtualWorkspaces.description).toMatch(/Scan Workspace needs a folder on disk/);
    expect(existsSync(join(REPO_ROOT, manifest.icon))).toBe(true);
  });

  it("pins the client, server and protocol versions to one LSP line", () => {
    expect(manifest.devDependencies["vscode-languageclient"]).toBe("9.0.1");
    expect(manifest.devDependencies["vscode-languageserver"]).toBe("9.0.1");
    expect(manifest.devDependencies["vscode-languageserver-protocol"]).toBe("3.17.5");
    expect(manifest.devDependencies["@vscode/vsce"]).toBe("3.9.2");
  });
});

describe("packaged .vsix", () => {
  const vsix = join(REPO_ROOT, "out", `${manifest.name}-${manifest.version}.vsix`);

  it("holds only bundles, wasm grammars, rule docs, schemas, README, LICENSE, CHANGELOG and icon; under 5 MB", () => {
    if (!existsSync(vsix) || process.env.STERILE_BUILT !== "1") {
      const built = spawnSync(process.execPath, [join(REPO_ROOT, "scripts", "package.mjs")], { cwd: REPO_ROOT, encoding: "utf8" });
      expect(built.status, built.stderr).toBe(0);
    }
    expect(statSync(vsix).size).toBeLessThan(5 * 1024 * 1024);
    const listing = execFileSync("unzip", ["-Z1", vsix], { encoding: "utf8" }).trim().split("\n");
    const allowed = [
      /^extension\.vsixmanifest$/,
      /^\[Content_Types\]\.xml$/,
      /^extension\/package\.json$/,
      /^extension\/readme\.md$/,
      /^extension\/changelog\.md$/,
      /^extension\/LICENSE(\.txt)?$/,
      /^extension\/images\/icon\.png$/,
      /^extension\/schema\/[\w.-]+\.json$/,
      /^extension\/dist\/(web\/)?(client|server)\.js$/,
      /^extension\/dist\/grammars\/[\w.-]+\.wasm$/,
      /^extension\/dist\/docs\/[a-z0-9-]+\.md$/,
      /^extension\/dist\/docs\/index\.json$/,
    ];
    const unexpected = listing.filter((entry) => !allowed.some((pattern) => pattern.test(entry)));
    expect(unexpected).toEqual([]);
    for (const needed of ["extension/dist/client.js", "extension/dist/server.js", "extension/dist/web/client.js", "extension/dist/web/server.js", "extension/dist/grammars/web-tree-sitter.wasm", "extension/dist/grammars/tree-sitter-c.wasm", "extension/dist/docs/hardcoded-credential.md", "extension/readme.md", "extension/images/icon.png"]) {
      expect(listing).toContain(needed);
    }
    expect(listing.some((entry) => entry.endsWith(".map") || entry.includes("node_modules") || entry.endsWith(".ts"))).toBe(false);
  });
});
