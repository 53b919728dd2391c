// Per-file facts several rules share (string values, calls by callee name): what they hold, and
// that each is worked out once per file however many rules ask.

import { describe, expect, it } from "vitest";
import { enclosingFunction, namedCalls } from "../../../rules/common/c-calls.ts";
import { descendants } from "../../../server/src/engine/syntax.ts";
import { stringSources } from "../../../rules/common/string-pieces.ts";
import { probe } from "../../support/probe.ts";

const SOURCE = [
  '#include "http_client.h"',
  '#include <mqtt/client.h>',
  '#define BASE "http://" HOST "/v1"',
  'static const char *joined = "mqtt://" "broker.example-hospital.net:1883";',
  "void f(struct cfg *c) {",
  '  c->url = "http://a.example-hospital.net";',
  '  esp_http_client_set_url(c->client, "http://b.example-hospital.net");',
  '  c->ops->connect(c, "tcp://" HOST ":1883");',
  "  (*handler)(c);",
  "}",
].join("\n");

describe("string sources", () => {
  it("yields each value once: a concatenation whole, never its pieces or an #include path", async () => {
    const sources = await probe(SOURCE, (ctx) => stringSources(ctx).map((s) => `${s.kind} ${s.flat.text}`));
    expect(sources).toEqual([
      "c-macro http://\u0000/v1",
      "c-string mqtt://broker.example-hospital.net:1883",
      "c-string http://a.example-hospital.net",
      "c-string http://b.example-hospital.net",
      "c-string tcp://\u0000:1883",
    ]);
  });

  it("is computed once per file", async () => {
    const same = await probe(SOURCE, (ctx) => stringSources(ctx) === stringSources(ctx));
    expect(same).toBe(true);
  });
});

describe("named calls", () => {
  it("names plain, member and unnamed callees in document order", async () => {
    const calls = await probe(SOURCE, (ctx) => namedCalls(ctx).map((c) => c.name ?? null));
    expect(calls).toEqual(["esp_http_client_set_url", "connect", null]);
  });
});

describe("enclosing function", () => {
  it("finds the innermost function by position, as a walk up the tree would", async () => {
    const source = [
      "int g = init(1);",
      "void outer(void) {",
      "  struct Local { int method() { return call_a(); } };",
      "  call_b();",
      "}",
      "int after = init(2);",
      "void last(void) { call_c(); }",
    ].join("\n");
    const [byPosition, byWalk] = await probe(
      source,
      (ctx) => {
        const nodes = [...descendants(ctx.root!)];
        const name = (fn: { childForFieldName(f: string): { text: string } | null } | undefined | null) => fn?.childForFieldName("declarator")?.text ?? "-";
        const walk = (n: (typeof nodes)[number]) => {
          for (let p = n.parent; p; p = p.parent) if (p.type === "function_definition") return p;
          return undefined;
        };
        return [nodes.map((n) => `${n.type}@${n.startIndex} ${name(enclosingFunction(ctx, n))}`), nodes.map((n) => `${n.type}@${n.startIndex} ${name(walk(n))}`)];
      },
      "cpp",
    );
    expect(byPosition).toEqual(byWalk);
    expect(byPosition.filter((l) => l.includes("method()")).length).toBeGreaterThan(3);
    expect(byPosition.filter((l) => l.endsWith(" outer(void)")).length).toBeGreaterThan(3);
  });

  it("agrees with a walk up for missing tokens at a function's edge", async () => {
    const sources = ["void f(void) {\n  g(1);\n", "void f(void) { g(1); }\nint x = ;\n", "void f(void) { if (a { b(); } }\nvoid h(void) { k() }\n", "int f(void) { return 1 }"];
    for (const source of sources) {
      const [byPosition, byWalk] = await probe(source, (ctx) => {
        const nodes = [...descendants(ctx.root!)];
        const walk = (n: (typeof nodes)[number]) => {
          for (let p = n.parent; p; p = p.parent) if (p.type === "function_definition") return p;
          return undefined;
        };
        return [nodes.map((n) => `${n.type}@${n.startIndex}-${n.endIndex} ${enclosingFunction(ctx, n)?.startIndex ?? "-"}`), nodes.map((n) => `${n.type}@${n.startIndex}-${n.endIndex} ${walk(n)?.startIndex ?? "-"}`)];
      });
      expect(byPosition, source).toEqual(byWalk);
    }
  });
});
