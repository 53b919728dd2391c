// weak-tls-version: how version and cipher tokens are read (fixtures cover the rule end to end).

import { describe, expect, it } from "vitest";
import { listTokens, weakCipher, weakVersion } from "../../../rules/transport/weak-tls-version/protocol-tokens.ts";

describe("weak-tls-version: version tokens", () => {
  it("reads the spellings of TLS 1.0/1.1, DTLS 1.0 and SSL, and offers 1.2 in the same spelling", () => {
    const read = (t: string) => {
      const v = weakVersion(t);
      return v ? [v.label, v.upgraded] : undefined;
    };
    expect(read("tlsv1")).toEqual(["TLS 1.0", "tlsv1.2"]);
    expect(read("TLSv1.1")).toEqual(["TLS 1.1", "TLSv1.2"]);
    expect(read("tls1_0")).toEqual(["TLS 1.0", "tls1_2"]);
    expect(read("TLS1_1")).toEqual(["TLS 1.1", "TLS1_2"]);
    expect(read("tls10")).toEqual(["TLS 1.0", "tls12"]);
    expect(read("1.0")).toEqual(["TLS 1.0", "1.2"]);
    expect(read('"1.1"')).toEqual(["TLS 1.1", "1.2"]);
    expect(read("dtlsv1")).toEqual(["DTLS 1.0", "dtlsv1.2"]);
    expect(read("SSLv3")).toEqual(["SSL 3.0", undefined]);
    expect(read("sslv2")).toEqual(["SSL 2.0", undefined]);
  });

  it("leaves current versions, exclusions and ambiguous numbers alone", () => {
    for (const token of ["tlsv1.2", "TLSv1.3", "1.2", "dtls1.2", "SSLv23", "-TLSv1", "!SSLv3", "1", "10", "v1", "2.0", "https", ""]) {
      expect(weakVersion(token), token).toBeUndefined();
    }
  });
});

describe("weak-tls-version: cipher lists", () => {
  it("flags entries that turn weak suites on and ignores removals and reorderings", () => {
    const weak = (list: string) => listTokens(list).map((t) => weakCipher(t.text)).filter((w) => w !== undefined);
    expect(weak("HIGH:!aNULL:!eNULL:!MD5:!RC4:+3DES")).toEqual([]);
    expect(weak("ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA:DES-CBC3-SHA")).toEqual(["RC4", "DES"]);
    expect(weak("TLS_RSA_WITH_NULL_SHA256,TLS_ECDH_anon_WITH_AES_128_CBC_SHA")).toEqual(["NULL", "ANON"]);
    expect(weak("eNULL EXP-RC4-MD5 LOW")).toEqual(["eNULL", "EXP", "LOW"]);
    expect(weak("ECDHE-ECDSA-CHACHA20-POLY1305 DHE-RSA-AES256-GCM-SHA384 TLS_AES_128_GCM_SHA256")).toEqual([]);
    expect(weak("DEFAULT:@SECLEVEL=0")).toEqual(["@SECLEVEL=0 (all)"]);
    expect(weak("DEFAULT:@SECLEVEL=1")).toEqual([]);
  });

  it("splits lists on the usual separators with offsets", () => {
    expect(listTokens("TLSv1 TLSv1.1, TLSv1.2;")).toEqual([
      { text: "TLSv1", offset: 0 },
      { text: "TLSv1.1", offset: 6 },
      { text: "TLSv1.2", offset: 15 },
    ]);
  });
});
