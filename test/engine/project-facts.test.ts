// Cross-file facts: string macros found by a line scan, and a credential reached through one.

import { describe, expect, it } from "vitest";
import { ProjectFacts, scanStringMacros } from "../../server/src/engine/project-facts.ts";
import { testEngine } from "../support/engine.ts";

describe("string macro scan", () => {
  it("reads literal-only #define bodies with continuations, and skips everything else", () => {
    const header = [
      '#define BROKER_PW "s3cr\\"et"  // comment',
      '#  define SPLIT "ab" \\',
      '    "cd"',
      "#define NUMBER 42",
      '#define CALL(x) "no"',
      '#define MIXED "http://" HOST',
      '#define EMPTY ""',
      '#define UNTERMINATED "oops',
    ].join("\n");
    const facts = scanStringMacros("inc/creds.h", header);
    expect(facts.map((f) => [f.name, f.value])).toEqual([["BROKER_PW", 's3cr"et'], ["SPLIT", "abcd"], ["EMPTY", ""]]);
    const first = facts[0]!;
    expect(header.slice(first.literal.start, first.literal.end)).toBe('"s3cr\\"et"');
    expect(header.slice(first.content.start, first.content.end)).toBe('s3cr\\"et');
    expect(first.literal.startPosition).toEqual({ line: 0, character: 18 });
  });

  it("is linear on hostile input", () => {
    const started = Date.now();
    scanStringMacros("x.h", "#define A \"".repeat(50_000) + "#".repeat(200_000));
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("credentials through macros across files", () => {
  it("reports at the literal in the header and relates the use", async () => {
    const engine = await testEngine();
    const header = '#pragma once\n#define FACTORY_BROKER_LOGIN "Xq7-broker!pump"\n';
    const facts = new ProjectFacts();
    facts.add(scanStringMacros("include/defaults.h", header));
    const source = '#include "defaults.h"\nstatic const esp_mqtt_client_config_t cfg = {\n    .credentials.authentication.password = FACTORY_BROKER_LOGIN,\n};\n';
    const { findings } = engine.analyze({ path: "main/mqtt.c", language: "c", text: source }, { project: facts });
    const cross = findings.filter((f) => f.ruleId === "hardcoded-credential");
    expect(cross).toHaveLength(1);
    expect(cross[0]!.path).toBe("include/defaults.h");
    expect(cross[0]!.range.startPosition.line).toBe(1);
    expect(cross[0]!.related).toEqual([expect.objectContaining({ path: "main/mqtt.c", message: expect.stringContaining("FACTORY_BROKER_LOGIN") })]);
    expect(cross[0]!.related[0]!.range.startPosition.line).toBe(2);
    // Without the facts (a host linting one document) nothing is claimed.
    expect(engine.analyze({ path: "main/mqtt.c", language: "c", text: source }).findings.filter((f) => f.ruleId === "hardcoded-credential")).toEqual([]);
  });
});
