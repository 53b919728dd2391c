// Per-file facts several rules share (string values, calls by callee name): what they hold, and
// that each is worked out once per file however many rules ask.

import { describe, expect, it } from "vitest";
import { namedCalls } from "../../../rules/common/c-calls.ts";
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
