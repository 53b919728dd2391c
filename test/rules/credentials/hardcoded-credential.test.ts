// hardcoded-credential: secrets passed to known SDK calls through a string macro defined in another
// file (fixtures cover literals in the call itself; macros need the project facts a scan gathers).

import { describe, expect, it } from "vitest";
import { ProjectFacts, scanStringMacros } from "../../../server/src/engine/project-facts.ts";
import { testEngine } from "../../support/engine.ts";

const HEADER = [
  "#pragma once",
  '#define WARD_SSID "ward7-infusion"',
  '#define WARD_NET_KEY "Wr7-Infus!on-2031"',
  '#define GW_LOGIN "gateway:Rx9-upload!key"',
  '#define GW_USER "gateway"',
  "",
].join("\n");

async function findings(path: string, language: "c" | "cpp", text: string) {
  const facts = new ProjectFacts();
  facts.add(scanStringMacros("include/site.h", HEADER));
  const engine = await testEngine();
  return engine.analyze({ path, language, text }, { project: facts }).findings.filter((f) => f.ruleId === "hardcoded-credential");
}

describe("hardcoded-credential: SDK arguments through macros", () => {
  it("reports a Wi-Fi passphrase macro at its literal and relates the WiFi.begin() call", async () => {
    const sketch = '#include "site.h"\nvoid setup() {\n  WiFi.begin(WARD_SSID, WARD_NET_KEY);\n}\n';
    const found = await findings("src/pump.ino", "cpp", sketch);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe("include/site.h");
    expect(found[0]!.range.startPosition.line).toBe(2);
    expect(found[0]!.message).toContain("WiFi.begin()");
    expect(found[0]!.message).toContain("WARD_NET_KEY");
    expect(found[0]!.related[0]!.range.startPosition.line).toBe(2);
  });

  it("judges only the password part of a user:password macro", async () => {
    const source = '#include "site.h"\nvoid f(CURL *c) {\n  curl_easy_setopt(c, CURLOPT_USERPWD, GW_LOGIN);\n  curl_easy_setopt(c, CURLOPT_USERPWD, GW_USER);\n}\n';
    const found = await findings("src/upload.c", "c", source);
    expect(found.map((f) => f.related[0]!.range.startPosition.line)).toEqual([2]);
  });
});

describe("hardcoded-credential: compared literals", () => {
  it("counts compared values that cannot be secrets toward a keyword dispatch", async () => {
    const dispatch = [
      "void apply(const char *password) {",
      '  if (strcmp(password, "http://a.example-hospital.net") == 0) return;',
      '  if (strcmp(password, "https://b.example-hospital.net") == 0) return;',
      '  if (strcmp(password, "Xy7pQ2rT9z") == 0) grant();',
      "}",
    ].join("\n");
    expect(await findings("src/apply.c", "c", dispatch)).toEqual([]);
    // Compared with == / != (a comment beside the operator included), in either operand order.
    const operators = [
      "void apply(const char *password) {",
      '  if (password == /* legacy */ "http://a.example-hospital.net") return;',
      '  if ("https://b.example-hospital.net" != password) return;',
      '  if (strcmp(password, "Xy7pQ2rT9z") == 0) grant();',
      "}",
    ].join("\n");
    expect(await findings("src/apply.c", "c", operators)).toEqual([]);
    // The same check without the other two branches is a hard-coded password.
    const single = ["void apply(const char *password) {", '  if (strcmp(password, "Xy7pQ2rT9z") == 0) grant();', "}"].join("\n");
    expect((await findings("src/apply.c", "c", single)).map((f) => f.range.startPosition.line)).toEqual([1]);
  });

  it("finds the login function around a check nested deeper than 64 syntax levels", async () => {
    const branches = Array.from({ length: 40 }, (_, i) => `  else if (argc == ${i + 1}) return ${i + 1};`);
    const source = ["int cmd_login(int argc, char **argv) {", "  if (argc == 0) return 0;", ...branches, '  else if (strcmp(argv[1], "Xy7pQ2rT9z") == 0) return 2;', "  return -1;", "}"].join("\n");
    expect((await findings("src/shell.c", "c", source)).map((f) => f.range.startPosition.line)).toEqual([42]);
  });
});
