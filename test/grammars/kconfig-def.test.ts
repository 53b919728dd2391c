import { describe, expect, it } from "vitest";
import { parseKconfigDefinitions } from "../../grammars/kconfig-def.ts";

describe("Kconfig definition line parser", () => {
  const text = [
    'menu "Example"',
    "config EXAMPLE_WIFI_PASSWORD",
    '    string "WiFi \\"Password\\""',
    '    default "s3cr\\"et"  # a comment',
    '    default "other" if EXAMPLE_ALT',
    "    help",
    "      Password to use.",
    "menuconfig EXAMPLE_ENABLED",
    "\tbool \"Enable\"",
    "\tdefault y",
    "endmenu",
    "config AFTER_MENU",
    "    int",
    "    default 64",
  ].join("\n");
  const symbols = parseKconfigDefinitions(text);

  it("reads each symbol's type, prompt and defaults with spans", () => {
    expect(symbols.map((s) => s.name)).toEqual(["EXAMPLE_WIFI_PASSWORD", "EXAMPLE_ENABLED", "AFTER_MENU"]);
    const pw = symbols[0]!;
    expect(pw.type).toBe("string");
    expect(pw.prompt).toBe('WiFi "Password"');
    expect(pw.defaults.map((d) => d.value)).toEqual(['s3cr"et', "other"]);
    expect(pw.defaults[1]!.condition).toBe("EXAMPLE_ALT");
    const first = pw.defaults[0]!;
    expect(text.slice(first.start, first.end)).toBe('"s3cr\\"et"');
    expect(text.slice(first.contentStart, first.contentEnd)).toBe('s3cr\\"et');
    expect(text.slice(pw.nameStart, pw.nameEnd)).toBe("EXAMPLE_WIFI_PASSWORD");
    expect(symbols[1]!.defaults[0]!.value).toBe("y");
    expect(symbols[2]!.type).toBe("int");
    expect(symbols[2]!.defaults[0]!.quoted).toBe(false);
  });

  it("handles CRLF, empty input and unterminated strings without throwing", () => {
    expect(parseKconfigDefinitions("")).toEqual([]);
    const crlf = parseKconfigDefinitions('config A\r\n\tstring "x"\r\n\tdefault "v"\r\n');
    expect(crlf[0]!.defaults[0]!.value).toBe("v");
    expect(parseKconfigDefinitions('config A\n default "unterminated\n')[0]!.defaults).toHaveLength(1);
  });
});
