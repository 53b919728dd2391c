// Server stability: 10,000 edits to one open document keep the server's memory flat and its
// answers right. The edits cycle through a fixed set of states (a line pasted and deleted, a comment
// typed in, a URL made https and back, a secret retyped, multi-byte text and a CRLF appended and
// removed), so every state has a known answer: the diagnostics a fresh open of that text gets.
// Nine cycles in ten wait for each edit's diagnostics (some 9,000 incremental reparses and analyses);
// every tenth arrives as one burst (the debounce coalesces it), with a hover and code actions.
//
// Memory, from a test-only request the server registers when STERILE_TEST_MEMORY=1 (run with
// --expose-gc): the JavaScript heap after a full collection and `external` memory, which holds the
// parsers' wasm memory (it grows, never shrinks: a syntax tree never freed would show there); and
// the resident set from /proc/<pid>/status. Each after a warm-up and at the end; the bounds are
// generous for noise and still catch keeping one analysis or one syntax tree per edit (both tried).

import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic, Hover, Range } from "vscode-languageserver-protocol/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { MEMORY_REQUEST } from "../../server/src/lsp/node-server.ts";
import { REPO_ROOT } from "../support/fixtures.ts";
import { TestLspClient, uriOf } from "../support/lsp-client.ts";

const EDITS = Number(process.env.STERILE_LSP_HEAP_EDITS ?? 10_000);
const WARM_UP = 2_000;
/**
 * Allowed growth from the warm-up to the end: of the JavaScript heap after a full collection, of
 * memory outside it (`external`: the parsers' wasm memory, which only ever grows, to its high-water
 * mark), and of the resident set (the noisiest: it moves with the machine's load).
 */
const MAX_HEAP_GROWTH_MB = 4;
const MAX_EXTERNAL_GROWTH_MB = 16;
const MAX_RSS_GROWTH_MB = 48;

const TEXT = [
  "/* Ward monitor: Wi-Fi bring-up. */",
  '#include "esp_wifi.h"',
  "",
  '#define WIFI_PASS "Zq8!mediPump-774"',
  '#define TELEMETRY_URL "http://telemetry.example-hospital.net/v1/vitals"',
  "",
  "void wifi_start(wifi_config_t *cfg)",
  "{",
  "    strcpy((char *)cfg->sta.password, WIFI_PASS);",
  "}",
  "",
].join("\n");

/** One cycle of edits, as offsets into the text each one finds; in order they return the text to where it started. */
const STEPS: ((text: string) => { start: number; end: number; newText: string })[] = [
  (t) => ({ start: t.indexOf("#define WIFI_PASS"), end: t.indexOf("#define WIFI_PASS"), newText: "static int retries = 3;\n#define TIMEOUT_MS 500\n" }), // a two-line paste
  () => ({ start: 3, end: 3, newText: "x" }), // typing in a comment
  () => ({ start: 3, end: 4, newText: "" }),
  (t) => ({ start: t.indexOf("http://"), end: t.indexOf("http://") + 4, newText: "https" }), // the URL made https
  (t) => ({ start: t.indexOf("mediPump-774"), end: t.indexOf("mediPump-774") + 12, newText: "mediPump-775" }), // the secret retyped
  (t) => ({ start: t.indexOf("mediPump-775"), end: t.indexOf("mediPump-775") + 12, newText: "mediPump-774" }),
  (t) => ({ start: t.indexOf("https://"), end: t.indexOf("https://") + 5, newText: "http" }),
  (t) => ({ start: t.indexOf("static int retries"), end: t.indexOf("#define WIFI_PASS"), newText: "" }), // the paste deleted across lines
  (t) => ({ start: t.length, end: t.length, newText: "é😀\r\n" }), // multi-byte characters and a CRLF
  (t) => ({ start: t.indexOf("é😀"), end: t.indexOf("é😀") + 5, newText: "" }),
];

/** The cycle as LSP changes, and the text after each. */
function cycle(): { changes: { range: Range; text: string }[]; states: string[] } {
  const changes: { range: Range; text: string }[] = [];
  const states: string[] = [];
  let text = TEXT;
  for (const step of STEPS) {
    const { start, end, newText } = step(text);
    const doc = TextDocument.create("file:///m.c", "c", 0, text);
    changes.push({ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: newText });
    text = text.slice(0, start) + newText + text.slice(end);
    states.push(text);
  }
  return { changes, states };
}

const { changes: CYCLE, states: STATES } = cycle();

const MB = 1024 * 1024;

function vmRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kb / 1024;
}

const dirs: string[] = [];
const clients: TestLspClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("language server stability", () => {
  it.skipIf(process.platform !== "linux")(`keeps its memory flat and its answers right over ${EDITS.toLocaleString("en")} edits`, async () => {
    const root = mkdtempSync(join(tmpdir(), "sterile-lsp-heap-"));
    dirs.push(root);
    const client = await TestLspClient.start({
      root,
      command: [process.execPath, "--expose-gc", join(REPO_ROOT, "dist", "cli.js"), "lsp", "--stdio"],
      env: { STERILE_TEST_MEMORY: "1" },
    });
    clients.push(client);
    const pid = client.child.pid!;
    const send = (method: string, params: unknown) => void client.connection.sendNotification(method, params);

    // The expected diagnostics of every state of the cycle, from fresh opens.
    const states = STATES;
    expect(states.at(-1)).toBe(TEXT);
    const expected: Diagnostic[][] = [];
    for (const [i, text] of states.entries()) {
      const uri = uriOf(join(root, "fresh", `${i}`, "wifi.c"));
      send("textDocument/didOpen", { textDocument: { uri, languageId: "c", version: 1, text } });
      expected.push(await client.diagnosticsFor(uri, 1));
      send("textDocument/didClose", { textDocument: { uri } });
    }
    expect(new Set(expected.map((d) => d.map((x) => x.code).sort().join())).size).toBeGreaterThan(1);

    const uri = uriOf(join(root, "src", "wifi.c"));
    send("textDocument/didOpen", { textDocument: { uri, languageId: "c", version: 0, text: TEXT } });
    const memory = async () => {
      const usage = (await client.connection.sendRequest(MEMORY_REQUEST)) as NodeJS.MemoryUsage;
      return { heap: usage.heapUsed / MB, external: usage.external / MB, rss: vmRssMb(pid) };
    };
    const started = Date.now();
    let version = 0;
    let cycles = 0;
    let warm: { heap: number; external: number; rss: number } | undefined;
    let peakRss = 0;
    while (version < EDITS) {
      cycles++;
      if (cycles % 10 !== 0) {
        for (const [i, edit] of CYCLE.entries()) {
          send("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [edit] });
          expect(await client.diagnosticsFor(uri, version)).toEqual(expected[i]);
        }
      } else {
        // A burst up to the middle of the cycle (the URL https, the secret retyped), answered from the latest text.
        for (const edit of CYCLE.slice(0, 5)) send("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [edit] });
        expect(await client.diagnosticsFor(uri, version)).toEqual(expected[4]);
        const secret = expected[4]!.find((d) => d.code === "hardcoded-credential")!;
        const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: secret.range.start })) as Hover;
        expect(hover.range).toEqual(secret.range);
        const actions = (await client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: secret.range, context: { diagnostics: [secret] } })) as CodeAction[];
        expect(actions.map((a) => a.title)).toEqual(["Suppress hardcoded-credential with justification"]);
        for (const edit of CYCLE.slice(5)) send("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [edit] });
        expect(await client.diagnosticsFor(uri, version)).toEqual(expected.at(-1));
      }
      if (!warm && version >= WARM_UP) warm = await memory();
      if (cycles % 50 === 0) {
        peakRss = Math.max(peakRss, vmRssMb(pid));
        if (process.env.STERILE_LSP_HEAP_TRACE) appendFileSync(process.env.STERILE_LSP_HEAP_TRACE, `${version} ${JSON.stringify(await memory())}\n`);
      }
    }
    const end = await memory();
    peakRss = Math.max(peakRss, end.rss);
    const seconds = (Date.now() - started) / 1000;
    const mb = (n: number) => `${n.toFixed(1)} MB`;
    console.log(
      `lsp stability: ${version} edits in ${seconds.toFixed(1)} s; after ${WARM_UP} edits → at the end: heap after GC ${mb(warm!.heap)} → ${mb(end.heap)}, ` +
        `external (wasm) ${mb(warm!.external)} → ${mb(end.external)}, VmRSS ${mb(warm!.rss)} → ${mb(end.rss)} (peak ${mb(peakRss)})`,
    );
    expect(client.child.exitCode).toBeNull();
    expect(end.heap - warm!.heap).toBeLessThan(MAX_HEAP_GROWTH_MB);
    expect(end.external - warm!.external).toBeLessThan(MAX_EXTERNAL_GROWTH_MB);
    expect(end.rss - warm!.rss).toBeLessThan(MAX_RSS_GROWTH_MB);
    expect(peakRss - warm!.rss).toBeLessThan(MAX_RSS_GROWTH_MB);
  }, 120_000);
});
