// One entry view over every config grammar: keys, paths, decoded values and exact spans.

import { describe, expect, it } from "vitest";
import { configEntries, switchValue, type ConfigEntry } from "../../server/src/engine/config-entries.ts";
import type { LanguageId } from "../../grammars/registry.ts";
import { testEngine } from "../support/engine.ts";

async function entries(language: LanguageId, text: string): Promise<ConfigEntry[]> {
  const engine = await testEngine();
  const tree = engine.parse({ path: "x", language, text });
  try {
    return configEntries(language, tree?.root, text);
  } finally {
    tree?.release();
  }
}

function view(text: string, list: ConfigEntry[]) {
  return list.map((e) => ({ path: e.path.join("."), value: e.value, kind: e.kind, raw: text.slice(e.valueSpan.start, e.valueSpan.end), content: text.slice(e.contentSpan.start, e.contentSpan.end) }));
}

describe("config entries", () => {
  it("Kconfig values, including `# CONFIG_X is not set` as data", async () => {
    const text = 'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_S="x \\"y\\""\n# a comment\nCONFIG_N=1883\n';
    const list = await entries("kconfig", text);
    expect(view(text, list)).toEqual([
      { path: "CONFIG_A", value: "y", kind: "boolean", raw: "y", content: "y" },
      { path: "CONFIG_B", value: "", kind: "unset", raw: "# CONFIG_B is not set", content: "# CONFIG_B is not set" },
      { path: "CONFIG_S", value: 'x "y"', kind: "string", raw: '"x \\"y\\""', content: 'x \\"y\\"' },
      { path: "CONFIG_N", value: "1883", kind: "number", raw: "1883", content: "1883" },
    ]);
    expect(list.map(switchValue)).toEqual([true, false, undefined, undefined]);
  });

  it("key/value configs with space separators", async () => {
    const text = "listener 1883 0.0.0.0\nallow_anonymous true\npassword_file /etc/p\n";
    expect(view(text, await entries("keyvalue", text)).map((e) => [e.path, e.value])).toEqual([
      ["listener", "1883 0.0.0.0"],
      ["allow_anonymous", "true"],
      ["password_file", "/etc/p"],
    ]);
  });

  it("JSON nested objects and arrays", async () => {
    const text = '{"mqtt": {"password": "p\\u0041ss", "port": 1883, "tls": false, "urls": ["http://a", "http://b"]}}';
    expect(view(text, await entries("json", text))).toEqual([
      { path: "mqtt.password", value: "pAss", kind: "string", raw: '"p\\u0041ss"', content: "p\\u0041ss" },
      { path: "mqtt.port", value: "1883", kind: "number", raw: "1883", content: "1883" },
      { path: "mqtt.tls", value: "false", kind: "boolean", raw: "false", content: "false" },
      { path: "mqtt.urls", value: "http://a", kind: "string", raw: '"http://a"', content: "http://a" },
      { path: "mqtt.urls", value: "http://b", kind: "string", raw: '"http://b"', content: "http://b" },
    ]);
  });

  it("YAML mappings, sequences, quotes, booleans and block scalars", async () => {
    const text = 'mqtt:\n  password: "s3 cr"\n  tls: false\n  port: 1883\n  urls:\n    - http://a\nflow: {k: v}\nkey: |\n  line1\n  line2\n';
    const list = view(text, await entries("yaml", text));
    expect(list.map((e) => [e.path, e.value, e.kind])).toEqual([
      ["mqtt.password", "s3 cr", "string"],
      ["mqtt.tls", "false", "boolean"],
      ["mqtt.port", "1883", "number"],
      ["mqtt.urls", "http://a", "string"],
      ["flow.k", "v", "string"],
      ["key", "line1\nline2\n", "string"],
    ]);
  });

  it("TOML tables, dotted keys and arrays", async () => {
    const text = '[wifi]\npassword = "x"\n[a.b]\ntls = false  # trailing comment\nurls = ["http://h"]\n';
    expect(view(text, await entries("toml", text)).map((e) => [e.path, e.value, e.kind, e.content])).toEqual([
      ["wifi.password", "x", "string", "x"],
      ["a.b.tls", "false", "boolean", "false"],
      ["a.b.urls", "http://h", "string", "http://h"],
    ]);
  });

  it("INI sections", async () => {
    const text = '[env:esp32]\nbuild_flags = -DX=1\npassword = "abc"\n';
    expect(view(text, await entries("ini", text)).map((e) => [e.path, e.value, e.raw])).toEqual([
      ["env:esp32.build_flags", "-DX=1", "-DX=1"],
      ["env:esp32.password", "abc", '"abc"'],
    ]);
  });

  it("devicetree string, cell and boolean properties", async () => {
    const text = '/ { wifi { password = "x"; port = <1883>; secure; }; };\n';
    expect(view(text, await entries("devicetree", text)).map((e) => [e.path, e.value, e.kind])).toEqual([
      ["/.wifi.password", "x", "string"],
      ["/.wifi.port", "1883", "number"],
      ["/.wifi.secure", "true", "boolean"],
    ]);
  });

  it("Kconfig definition defaults", async () => {
    const text = 'config WIFI_PASSWORD\n    string "Password"\n    default "abc"\n';
    expect(view(text, await entries("kconfig-def", text)).map((e) => [e.path, e.value, e.content])).toEqual([["WIFI_PASSWORD", "abc", "abc"]]);
  });
});
