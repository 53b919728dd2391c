import { describe, expect, it } from "vitest";
import { findUrls, isLoopbackHost, isReservedExampleHost, isUnspecifiedHost } from "../../../rules/common/urls.ts";
import { FlatText, MACRO_MARK } from "../../../rules/common/string-pieces.ts";
import { entrySpan, flippedSwitch } from "../../../rules/common/config-values.ts";
import type { ConfigEntry } from "../../../server/src/engine/config-entries.ts";

const HTTP = /(?<![A-Za-z0-9+._-])(http|mqtt):\/\//gi;

describe("findUrls", () => {
  it("splits userinfo, host and port", () => {
    const [url] = findUrls("mqtt://pump:s3cret@[fd00::2]:1883/x", HTTP);
    expect(url).toMatchObject({ scheme: "mqtt", host: "[fd00::2]", port: { text: "1883", start: 29 }, userinfo: { start: 7, end: 19 } });
  });
  it("sees a host supplied by a macro", () => {
    const [url] = findUrls(`http://${MACRO_MARK}/fw.bin`, HTTP);
    expect(url).toMatchObject({ host: MACRO_MARK, hostFromMacro: true });
  });
  it("reports an empty host for a bare prefix", () => {
    expect(findUrls("http://", HTTP)[0]?.host).toBe("");
  });
  it("keeps schemes inside words out", () => {
    expect(findUrls("xhttp://a git+http://b", HTTP)).toEqual([]);
  });
  it("ends a URL at quotes, whitespace and backslashes", () => {
    const text = '{\\"u\\":\\"http://h.net/a\\"}';
    const [url] = findUrls(text, HTTP);
    expect(text.slice(url!.start, url!.end)).toBe("http://h.net/a");
  });
});

describe("hosts", () => {
  for (const host of ["localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.8.9.10", "[::1]", "::1", "[::ffff:127.0.0.1]"]) {
    it(`${host} is loopback`, () => expect(isLoopbackHost(host)).toBe(true));
  }
  for (const host of ["192.168.1.10", "10.0.0.1", "localhost.example-hospital.net", "127.0.0.1.nip.io", "[fd00::1]"]) {
    it(`${host} is not loopback`, () => expect(isLoopbackHost(host)).toBe(false));
  }
  it("knows the unspecified addresses", () => {
    expect(["0.0.0.0", "[::]", "::"].map(isUnspecifiedHost)).toEqual([true, true, true]);
    expect(isUnspecifiedHost("0.0.0.1")).toBe(false);
  });
  it("knows the reserved example names", () => {
    expect(["example.com", "fw.example.org", "broker.test", "x.invalid"].map(isReservedExampleHost)).toEqual([true, true, true, true]);
    expect(["example-hospital.net", "myexample.com"].map(isReservedExampleHost)).toEqual([false, false]);
  });
});

describe("FlatText", () => {
  it("maps flat indices back to the source across pieces", () => {
    const flat = new FlatText([{ text: "http://", start: 10 }, { text: "HOST", start: undefined }, { text: "/x", start: 30 }]);
    expect(flat.text).toBe(`http://${MACRO_MARK}/x`);
    expect(flat.sourceOffset(0)).toBe(10);
    expect(flat.sourceOffset(7)).toBeUndefined();
    expect(flat.sourceOffset(9)).toBe(31);
    expect(flat.pieceEnd(3)).toBe(7);
  });
});

describe("config values", () => {
  it("flips switch words in their own spelling", () => {
    expect(["false", "False", "NO", "off", "0", "n", "true"].map(flippedSwitch)).toEqual(["true", "True", "YES", "on", "1", "y", "false"]);
    expect(flippedSwitch("maybe")).toBeUndefined();
  });
  it("trims the line break an INI setting keeps", () => {
    const entry = { keySpan: { start: 0, end: 4 }, valueSpan: { start: 7, end: 11 }, span: { start: 0, end: 12 } } as ConfigEntry;
    expect(entrySpan(entry)).toEqual({ start: 0, end: 11 });
  });
});
