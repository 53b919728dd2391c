// The per-file node index rules read through `ctx.nodes`: one walk inside the parser serves every
// rule, so it must answer exactly as a walk over the tree from JavaScript would.

import { describe, expect, it } from "vitest";
import { descendants } from "../../server/src/engine/syntax.ts";
import { probe } from "../support/probe.ts";

const SOURCE = [
  '#define HOST "h"',
  'static const char *u = "http://" HOST "/x";',
  "int f(int a) {",
  '  g("one", h("two"), (a > 1) ? "three" : "four");',
  "  return a;",
  "}",
].join("\n");

const TYPES = ["call_expression", "string_literal", "concatenated_string", "preproc_def"];

describe("node index", () => {
  it("lists the requested types in document order, outer nodes first, like a walk of the tree", async () => {
    const [indexed, walked] = await probe(SOURCE, (ctx) => [
      ctx.nodes(TYPES).map((n) => `${n.type}@${n.startIndex}`),
      [...descendants(ctx.root!)].filter((n) => TYPES.includes(n.type)).map((n) => `${n.type}@${n.startIndex}`),
    ]);
    expect(indexed).toEqual(walked);
    expect(indexed.length).toBe(10);
  });

  it("lists a node once when its type is asked for twice", async () => {
    const counts = await probe(SOURCE, (ctx) => [ctx.nodes(["string_literal"]).length, ctx.nodes(["string_literal", "string_literal"]).length]);
    expect(counts[1]).toBe(counts[0]);
  });

  it("answers a type first asked for after others were indexed", async () => {
    const defines = await probe(SOURCE, (ctx) => {
      ctx.nodes(["call_expression"]);
      return ctx.nodes(["preproc_def"]).map((n) => n.startIndex);
    });
    expect(defines).toEqual([0]);
  });

  it("keeps every type when ERROR nodes are asked for too", async () => {
    const broken = "int f(void) { g(1); h(2) }\nint x = = 3;\nvoid k(void) { m(4); }\n";
    const [before, errors, after, walkedErrors] = await probe(broken, (ctx) => [
      ctx.nodes(["call_expression"]).length,
      ctx.nodes(["ERROR"]).map((n) => n.startIndex),
      ctx.nodes(["call_expression"]).length,
      [...descendants(ctx.root!)].filter((n) => n.type === "ERROR").map((n) => n.startIndex),
    ]);
    expect(before).toBe(3);
    expect(after).toBe(before);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toEqual(walkedErrors);
  });
});
