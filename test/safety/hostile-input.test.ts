// A folder of hostile files, generated here (never committed as blobs): the scan finishes, exits
// as findings dictate, lints what is text, and reports every skip with its reason in every format.

import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, makeProject, runCli } from "../support/cli.ts";

const SECRET_LINE = '#define WIFI_PASS "Zq8!mediPump-774"';

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 + 2 * i] = littleEndian ? code & 0xff : code >> 8;
    out[3 + 2 * i] = littleEndian ? code >> 8 : code & 0xff;
  }
  return out;
}

function hostileProject(): string {
  const latin1 = new Uint8Array([...Buffer.from("/* caf"), 0xe9, ...Buffer.from(" */\n" + SECRET_LINE + "\n")]);
  const dir = makeProject({
    "bin/firmware.c": new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x41, 0x42]),
    "big/huge.c": `/* ${"x".repeat(3 * 1024 * 1024)} */\n`,
    "enc/latin1.c": latin1,
    "enc/bom.c": new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(`${SECRET_LINE}\n`)]),
    "enc/utf16le.c": utf16(`// utf-16\n${SECRET_LINE}\n`, true),
    "enc/utf16be.h": utf16(`${SECRET_LINE}\n`, false),
    "eol/crlf.c": `/* a */\r\n/* b */\r\n${SECRET_LINE}\r\n`,
    "eol/mixed.c": `/* a */\r/* b */\n/* c */\r\n${SECRET_LINE}\n`,
    "eol/sdkconfig": 'CONFIG_A=y\r\n# CONFIG_B is not set\r\nCONFIG_EXAMPLE_WIFI_PASSWORD="Zq8!mediPump-774"\r\n',
    "shape/one-line.c": `${"int a; ".repeat(150_000)}static const char *wifi_pass = "Zq8!mediPump-774";\n`,
    "shape/deep.c": `int f(void) { return ${"(".repeat(10_000)}1${")".repeat(10_000)}; }\n`,
    "shape/deep-braces.c": `void g(void) ${"{".repeat(10_000)}${"}".repeat(10_000)}\n`,
    "shape/deep.json": `${"[".repeat(10_000)}"http://x"${"]".repeat(10_000)}`,
    "shape/deep.yaml": Array.from({ length: 2_000 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + ' "v"\n',
    "shape/deep.dts": `/ { ${"n { ".repeat(3_000)}${"}; ".repeat(3_000)}};\n`,
    "shape/long.c": `${"int x;\n".repeat(200_000)}${SECRET_LINE}\n`,
    "slow/slow.c": `${"int x;\n".repeat(500_000)}${SECRET_LINE}\n`,
    "shape/empty.c": "",
    "shape/empty.json": "",
    "shape/garbage.c": "#if }{ ))) \"unterminated\n#define\n#define X \"\n@@@ \u0000\n".replace("\u0000", ""),
    "names/with space.c": `${SECRET_LINE}\n`,
    "names/ünïcödé-ファーム.c": `${SECRET_LINE}\n`,
  });
  return dir;
}

function addSpecialFiles(dir: string): void {
  mkdirSync(join(dir, "links"), { recursive: true });
  symlinkSync("loop-b.c", join(dir, "links", "loop-a.c"));
  symlinkSync("loop-a.c", join(dir, "links", "loop-b.c"));
  symlinkSync("/dev/zero", join(dir, "links", "zero.c"));
  const outside = mkdtempSync(join(tmpdir(), "sterile-outside-"));
  writeFileSync(join(outside, "secret.c"), `${SECRET_LINE}\n`);
  symlinkSync(join(outside, "secret.c"), join(dir, "links", "outside.c"));
  symlinkSync("..", join(dir, "links", "parent"));
  execFileSync("mkfifo", [join(dir, "links", "fifo.c")]);
}

interface Report {
  findings: { path: string; line: number; column: number; ruleId: string }[];
  skipped: { path: string; reason: string }[];
  summary: { filesScanned: number };
}

describe("hostile input", () => {
  const dir = (() => {
    const d = hostileProject();
    addSpecialFiles(d);
    return d;
  })();

  it("finishes, exits as findings dictate, lints text in any encoding with positions right, and reports every skip", () => {
    const run = runCli(["scan", "--format", "json", "--max-file-size", "2M"], { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(skipped["bin/firmware.c"]).toBe("binary");
    expect(skipped["big/huge.c"]).toBe("too-large");
    expect(skipped["links/fifo.c"]).toBe("not-a-regular-file");
    expect(skipped["links/loop-a.c"]).toBe("symlink-loop");
    // Links out of the project (here to a device) are not followed: CI would read files nobody reviewed.
    expect(skipped["links/zero.c"]).toBe("outside-root");
    expect(skipped["links/outside.c"]).toBe("outside-root");
    const at = (path: string) => report.findings.filter((f) => f.path === path && f.ruleId === "hardcoded-credential").map((f) => `${f.line}:${f.column}`);
    expect(at("enc/latin1.c")).toEqual(["2:19"]);
    expect(at("enc/bom.c")).toEqual(["1:19"]);
    expect(at("enc/utf16le.c")).toEqual(["2:19"]);
    expect(at("enc/utf16be.h")).toEqual(["1:19"]);
    expect(at("eol/crlf.c")).toEqual(["3:19"]);
    expect(at("eol/mixed.c")).toEqual(["4:19"]);
    expect(at("eol/sdkconfig")).toEqual(["3:30"]);
    expect(at("shape/one-line.c")).toEqual([`1:${"int a; ".length * 150_000 + 'static const char *wifi_pass = '.length + 1}`]);
    expect(at("shape/long.c")).toEqual(["200001:19"]);
    expect(at("names/with space.c")).toEqual(["1:19"]);
    expect(at("names/ünïcödé-ファーム.c")).toEqual(["1:19"]);
    // tree-sitter-yaml's scanner overflows past ~250 nesting levels: refused up front, reported.
    expect(skipped["shape/deep.yaml"]).toBe("parse-error");
    for (const path of ["shape/deep.c", "shape/deep-braces.c", "shape/deep.json", "shape/deep.dts", "shape/empty.c", "shape/garbage.c"]) {
      expect(skipped[path], path).toBeUndefined();
    }
  });

  it("reports the same skips in text and SARIF", () => {
    const text = runCli(["scan", "--max-file-size", "2M"], { cwd: dir });
    expect(text.stdout).toMatch(/skipped bin\/firmware\.c: binary/);
    expect(text.stdout).toMatch(/skipped big\/huge\.c: too-large/);
    expect(text.stdout).toMatch(/skipped links\/fifo\.c: not-a-regular-file/);
    const sarif = JSON.parse(runCli(["scan", "--format", "sarif", "--max-file-size", "2M"], { cwd: dir }).stdout) as {
      runs: { invocations: { toolExecutionNotifications: { descriptor: { id: string }; message: { text: string } }[] }[]; results: { locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    const ids = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.descriptor.id);
    for (const id of ["skipped-binary", "skipped-too-large", "skipped-not-a-regular-file", "skipped-symlink-loop"]) expect(ids).toContain(id);
  });

  it("a file over the time budget is reported and skipped; the scan goes on", () => {
    // Parsing 3.5 MB takes several times the budget on any machine; the small files take a fraction of it.
    const run = runCli(["scan", "slow", "names", "--format", "json", "--time-budget", "100", "--max-file-size", "8M"], { cwd: dir });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: "slow/slow.c", reason: "time-budget" }));
    expect(report.findings.some((f) => f.path.startsWith("names/"))).toBe(true);
  });

  it("an unreadable file is reported, not fatal (scan run as an unprivileged user)", (context) => {
    const project = makeProject({ "src/ok.c": `${SECRET_LINE}\n`, "src/secret.c": `${SECRET_LINE}\n` });
    chmodSync(join(project, "src", "secret.c"), 0o000);
    chmodSync(project, 0o755);
    const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
    if (process.getuid?.() !== 0 || !setpriv) {
      context.skip(`needs root and setpriv to drop privileges (uid ${process.getuid?.()}, setpriv ${setpriv ?? "absent"})`);
      return;
    }
    const run = spawnSync(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, CLI, "scan", "--format", "json"], { cwd: project, encoding: "utf8", timeout: 60_000 });
    if (run.status === 2 && /EACCES|permission/i.test(run.stderr)) {
      context.skip(`the unprivileged user cannot reach the test files or the CLI here: ${run.stderr.trim().split("\n")[0]}`);
      return;
    }
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: "src/secret.c", reason: "unreadable" }));
    expect(report.findings.map((f) => f.path)).toContain("src/ok.c");
  });
});
