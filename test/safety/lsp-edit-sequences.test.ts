// Property test of the language server as a hostile or sloppy editor drives it: random edit
// sequences over stdio — incremental changes with random (also reversed and out-of-range) ranges,
// multi-byte text, CRLF and lone CR, deletions across lines, whole-text replacements, stale and
// repeated versions, close while a lint is pending, re-open, duplicate open, hovers and code
// actions cancelled in flight, cancellations of unknown ids. The server must never crash or fail
// a handler, and once the sequence ends the diagnostics it publishes for the document must equal
// those of a fresh open of the same final text.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CancellationTokenSource, type Diagnostic, type Position, type Range } from "vscode-languageserver-protocol/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { listFiles, REPO_ROOT, ruleFixtureDirs } from "../support/fixtures.ts";
import { TestLspClient, uriOf } from "../support/lsp-client.ts";

const RUNS = Number(process.env.STERILE_LSP_PROPERTY_RUNS ?? 100);
const MAX_OPS = 30;

/** Seed documents: the LSP fixture project and small rule fixtures, under their own file names (the name picks the language). */
const SEEDS = [
  join(REPO_ROOT, "test/fixtures/lsp/ward-monitor/src/wifi.c"),
  join(REPO_ROOT, "test/fixtures/lsp/ward-monitor/src/ota.c"),
  join(REPO_ROOT, "test/fixtures/lsp/ward-monitor/sdkconfig"),
  join(REPO_ROOT, "test/fixtures/lsp/ward-monitor/config/gateway.json"),
  ...ruleFixtureDirs().flatMap(listFiles),
]
  .map((path) => ({ name: basename(path), text: readFileSync(path, "utf8") }))
  .filter((seed) => seed.text.length > 0 && seed.text.length < 3_000 && !seed.text.includes("\0"));

/** Text worth typing into firmware: line breaks of every kind, multi-byte and astral characters, tokens rules look at. */
const TYPED = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      "\n", "\r\n", "\r", "\r\n\r\n", "é", "😀", "中文", "\u200b", "\ud83d", "\t", '"', "/*", "*/", "//", "{", "}", "(", ")", ";", "\\",
      "#define WIFI_PASS \"Zq8!mediPump-774\"\r\n",
      'static const char *api_token = "tk_9fJ2kQ77ab55";\n',
      "http://telemetry.example.net/v1",
      "CONFIG_ESP_TLS_INSECURE=y\n",
      "password: \"Vl!nk-GW5-broker\"\n",
      "mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE);\n",
      "-----BEGIN PRIVATE KEY-----\n",
      "// sterile-ignore-next-line hardcoded-credential -- test broker\n",
    ),
  },
  { weight: 1, arbitrary: fc.constant("") },
);

type Change =
  | { readonly kind: "span"; readonly a: number; readonly b: number; readonly text: string }
  | { readonly kind: "lines"; readonly from: number; readonly to: number; readonly text: string }
  | { readonly kind: "wild"; readonly start: Position; readonly end: Position; readonly text: string }
  | { readonly kind: "full"; readonly text: string };

const position = fc.record({ line: fc.nat({ max: 400 }), character: fc.nat({ max: 300 }) });
const CHANGE: fc.Arbitrary<Change> = fc.oneof(
  // Offsets as fractions of the current length, so they land inside whatever the text is by then; a > b is a reversed range.
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("span" as const), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), text: TYPED }) },
  // From one line's middle to another's: deletions and replacements across lines.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("lines" as const), from: fc.double({ min: 0, max: 1, noNaN: true }), to: fc.double({ min: 0, max: 1, noNaN: true }), text: TYPED }) },
  // Positions an editor would never send: past the end of a line or of the document.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("wild" as const), start: position, end: position, text: TYPED }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("full" as const), text: fc.oneof(TYPED, fc.constantFrom(...SEEDS.map((s) => s.text))) }) },
);

type Op =
  | { readonly op: "edit"; readonly changes: Change[]; readonly skip: number }
  | { readonly op: "stale"; readonly back: number; readonly change: Change }
  | { readonly op: "close" }
  | { readonly op: "reopen"; readonly resetVersion: boolean }
  | { readonly op: "closeDuringLint"; readonly change: Change }
  | { readonly op: "request"; readonly kind: "hover" | "codeAction" | "fixAll"; readonly at: Position; readonly cancel: boolean }
  | { readonly op: "cancelUnknown"; readonly id: number };

const OP: fc.Arbitrary<Op> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ op: fc.constant("edit" as const), changes: fc.array(CHANGE, { minLength: 0, maxLength: 3 }), skip: fc.nat({ max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("stale" as const), back: fc.nat({ max: 3 }), change: CHANGE }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("close" as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("reopen" as const), resetVersion: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("closeDuringLint" as const), change: CHANGE }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("request" as const), kind: fc.constantFrom("hover" as const, "codeAction" as const, "fixAll" as const), at: position, cancel: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("cancelUnknown" as const), id: fc.integer({ min: 1, max: 1_000_000 }) }) },
);

const SEQUENCE = fc.record({ seed: fc.nat({ max: SEEDS.length - 1 }), crlf: fc.boolean(), ops: fc.array(OP, { maxLength: MAX_OPS }) });

/** The LSP range a change means on `doc`'s current text. */
function rangeOf(doc: TextDocument, change: Exclude<Change, { kind: "full" }>): Range {
  const length = doc.getText().length;
  if (change.kind === "span") {
    return { start: doc.positionAt(Math.round(change.a * length)), end: doc.positionAt(Math.round(change.b * length)) };
  }
  if (change.kind === "lines") {
    const lines = doc.lineCount;
    const from = Math.floor(change.from * lines);
    const to = Math.floor(change.to * lines);
    return { start: { line: Math.min(from, to), character: 2 }, end: { line: Math.max(from, to), character: 5 } };
  }
  return { start: change.start, end: change.end };
}

function toEvent(doc: TextDocument, change: Change): { range?: Range; text: string } {
  return change.kind === "full" ? { text: change.text } : { range: rangeOf(doc, change), text: change.text };
}

/** What the server publishes, with the document's own URI abstracted so two URIs can be compared. */
function normalized(diagnostics: readonly Diagnostic[], uri: string): unknown[] {
  return diagnostics.map((d) => ({
    ...d,
    relatedInformation: d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: r.location.uri === uri ? "<self>" : r.location.uri } })),
  }));
}

const REQUEST_ERRORS_ALLOWED = new Set([-32800 /* RequestCancelled */, -32801 /* ContentModified */]);

/**
 * Sequences that once failed, replayed on every run. Reversed ranges: the tree edit took the range
 * as sent while the text took its mirror, so the incremental parse lost a finding a fresh one kept.
 */
const REGRESSIONS: { seed: number; crlf: boolean; ops: Op[] }[] = [
  {
    seed: 0,
    crlf: false,
    ops: [
      { op: "edit", changes: [{ kind: "span", a: 0, b: 0, text: "    " }, { kind: "span", a: 0, b: 0, text: "𐀀𐀀" }], skip: 0 },
      { op: "edit", changes: [{ kind: "span", a: 0, b: 0, text: "񫴶󥵦􅰨򮈌𙢁" }], skip: 0 },
      { op: "edit", changes: [{ kind: "span", a: 0.12093068946684991, b: 0, text: "\n" }], skip: 0 },
    ],
  },
];

let client: TestLspClient;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "sterile-lsp-property-"));
  client = await TestLspClient.start({ root });
});

afterAll(async () => {
  await client?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("language server under random edit sequences", () => {
  it("never crashes, and publishes for the final text what a fresh open of it gets", async () => {
    expect(SEEDS.length).toBeGreaterThan(20);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(SEQUENCE, async ({ seed, crlf, ops }) => {
        run++;
        const name = SEEDS[seed]!.name;
        const initial = crlf ? SEEDS[seed]!.text.replace(/\r?\n/g, "\r\n") : SEEDS[seed]!.text;
        // A fresh pair of URIs per run (same file name, so the same language and file role).
        const live = uriOf(join(root, `run${run}`, "live", name));
        const fresh = uriOf(join(root, `run${run}`, "fresh", name));
        const send = (method: string, params: unknown) => void client.connection.sendNotification(method, params);

        // The model: the text and version the server should hold, and whether it is open.
        let doc = TextDocument.create(live, "c", 1, initial);
        let open = true;
        let maxVersion = 1;
        const requests: Promise<unknown>[] = [];
        send("textDocument/didOpen", { textDocument: { uri: live, languageId: "c", version: 1, text: initial } });

        const change = (changes: Change[], version: number) => {
          // Each change applies to the text the previous one left (LSP semantics): convert in order.
          const events: { range?: Range; text: string }[] = [];
          // `TextDocument.update` changes the document in place: work on a copy.
          let next = TextDocument.create(live, "c", doc.version, doc.getText());
          for (const c of changes) {
            const event = toEvent(next, c);
            events.push(event);
            next = TextDocument.update(next, [event], version);
          }
          if (changes.length === 0) next = TextDocument.update(next, [], version);
          send("textDocument/didChange", { textDocument: { uri: live, version }, contentChanges: events });
          return next;
        };

        for (const op of ops) {
          switch (op.op) {
            case "edit": {
              maxVersion += 1 + op.skip;
              const next = change(op.changes, maxVersion);
              if (open) doc = next;
              break;
            }
            case "stale": {
              // A version the server already has (or older): ignored, the text stays as it was.
              change([op.change], Math.max(0, doc.version - op.back));
              break;
            }
            case "close":
              if (open) send("textDocument/didClose", { textDocument: { uri: live } });
              open = false;
              break;
            case "reopen": {
              // Also a duplicate open of an open document, which replaces it.
              const version = op.resetVersion ? 1 : ++maxVersion;
              doc = TextDocument.create(live, "c", version, doc.getText());
              send("textDocument/didOpen", { textDocument: { uri: live, languageId: "c", version, text: doc.getText() } });
              open = true;
              break;
            }
            case "closeDuringLint": {
              if (!open) break;
              maxVersion++;
              doc = change([op.change], maxVersion);
              send("textDocument/didClose", { textDocument: { uri: live } });
              open = false;
              break;
            }
            case "request": {
              const source = new CancellationTokenSource();
              const params =
                op.kind === "hover"
                  ? ["textDocument/hover", { textDocument: { uri: live }, position: op.at }]
                  : [
                      "textDocument/codeAction",
                      {
                        textDocument: { uri: live },
                        range: { start: { line: 0, character: 0 }, end: op.at },
                        context: { diagnostics: client.diagnostics.get(live)?.diagnostics ?? [], ...(op.kind === "fixAll" ? { only: ["source.fixAll"] } : {}) },
                      },
                    ];
              requests.push(
                client.connection.sendRequest(params[0] as string, params[1], source.token).catch((error: { code?: number; message?: string }) => {
                  if (!REQUEST_ERRORS_ALLOWED.has(error.code ?? 0)) throw new Error(`${String(params[0])} failed: ${error.code} ${error.message}`);
                }),
              );
              if (op.cancel) source.cancel();
              break;
            }
            case "cancelUnknown":
              send("$/cancelRequest", { id: op.id });
              break;
          }
        }

        // End open, then bump to a version no earlier message used: its diagnostics are the final ones.
        if (!open) {
          maxVersion++;
          doc = TextDocument.create(live, "c", maxVersion, doc.getText());
          send("textDocument/didOpen", { textDocument: { uri: live, languageId: "c", version: maxVersion, text: doc.getText() } });
        }
        const barrier = ++maxVersion;
        doc = change([], barrier);
        await Promise.all(requests);
        const gone = () => client.child.exitCode !== null || client.child.signalCode !== null;
        await client.waitFor(() => gone() || client.diagnostics.get(live)?.version === barrier, `final diagnostics of run ${run}`);
        expect(gone(), `server exited: ${client.stderrText.slice(-2000)}`).toBe(false);
        const final = client.diagnostics.get(live)!.diagnostics;

        send("textDocument/didOpen", { textDocument: { uri: fresh, languageId: "c", version: 1, text: doc.getText() } });
        await client.waitFor(() => gone() || client.diagnostics.get(fresh)?.version === 1, `fresh diagnostics of run ${run}`);
        expect(gone()).toBe(false);
        const expected = client.diagnostics.get(fresh)!.diagnostics;
        expect(normalized(final, live), `final text ${JSON.stringify(doc.getText())}`).toEqual(normalized(expected, fresh));

        // Neither document is needed again; a closed document's diagnostics are cleared.
        send("textDocument/didClose", { textDocument: { uri: live } });
        send("textDocument/didClose", { textDocument: { uri: fresh } });
        const failures = client.logEntries.filter((e) => e.type === 1 || /failed (with message|unexpectedly)/.test(e.message));
        expect(failures).toEqual([]);
      }),
      { numRuns: RUNS, examples: REGRESSIONS.map((r) => [r]), interruptAfterTimeLimit: 150_000, markInterruptAsFailure: false },
    );
    // Still serving: a hover round trip after everything.
    await expect(client.connection.sendRequest("textDocument/hover", { textDocument: { uri: uriOf(join(root, "none.c")) }, position: { line: 0, character: 0 } })).resolves.toBeNull();
  }, 240_000);
});
