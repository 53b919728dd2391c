// The shared C/TLS helpers (c-identifiers, c-locals, tls-roles, tls-verify-levels), run inside the
// engine through a probe rule (test/support/probe.ts) so they see a real RuleContext.

import { describe, expect, it } from "vitest";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { calleeName } from "../../../rules/common/c-calls.ts";
import { mentions } from "../../../rules/common/c-identifiers.ts";
import { latestWrite } from "../../../rules/common/c-locals.ts";
import { tlsRoles } from "../../../rules/common/tls-roles.ts";
import { verifyLevelSettings } from "../../../rules/common/tls-verify-levels.ts";
import { probe } from "../../support/probe.ts";

const callNamed = (ctx: RuleContext, name: string, nth = 0): SyntaxNode =>
  ctx.nodes(["call_expression"]).filter((c) => calleeName(c) === name)[nth]!;

describe("mentions", () => {
  it("counts identifiers and #define bodies, not comments or strings", async () => {
    const text = [
      "/* mbedtls_ssl_get_verify_result is a TODO */",
      'const char *m = "TLS_HOSTNAME";',
      "#define CHECK(s) mbedtls_ssl_set_hostname(s, HOST)",
      "void f(void) { wolfSSL_check_domain_name(ssl, h); }",
    ].join("\n");
    const seen = await probe(text, (ctx) => ["mbedtls_ssl_get_verify_result", "TLS_HOSTNAME", "mbedtls_ssl_set_hostname", "wolfSSL_check_domain_name", "HOST_NAME"].map((n) => mentions(ctx, n)));
    expect(seen).toEqual([false, false, true, true, false]);
  });
});

describe("latestWrite", () => {
  it("takes the last write before the use in the function, else the file-scope one", async () => {
    const text = [
      "static const int level = 0;",
      "void a(int fd) { int level = 2; if (x) { level = 1; } use(fd, level); level = 0; }",
      "void b(int fd) { use(fd, level); }",
    ].join("\n");
    const values = await probe(text, (ctx) => [latestWrite(ctx, "level", callNamed(ctx, "use", 0))?.text, latestWrite(ctx, "level", callNamed(ctx, "use", 1))?.text]);
    expect(values).toEqual(["1", "0"]);
  });
});

describe("tlsRoles", () => {
  it("judges a function by its own marks, else the file", async () => {
    const text = [
      "void srv(void) { mbedtls_ssl_config_defaults(&c, MBEDTLS_SSL_IS_SERVER, 0, 0); mbedtls_ssl_conf_authmode(&c, 1); }",
      "void cli(int fd) { mbedtls_ssl_conf_authmode(&c, 1); connect(fd, a, l); }",
      "void other(void) { mbedtls_ssl_conf_authmode(&c, 1); }",
    ].join("\n");
    const sides = await probe(text, (ctx) => [0, 1, 2].map((i) => tlsRoles(ctx).isServerSide(callNamed(ctx, "mbedtls_ssl_conf_authmode", i))));
    // `other` has no marks; the file has a server mark and no client mark outside socket calls.
    expect(sides).toEqual([true, false, true]);
  });

  it("counts *_server_method() and *_client_method() names", async () => {
    const text = "void s(void) { ctx = wolfSSL_CTX_new(wolfTLSv1_3_server_method()); wolfSSL_CTX_set_verify(ctx, 0, 0); }";
    expect(await probe(text, (ctx) => tlsRoles(ctx).file)).toEqual({ server: true, client: false });
  });
});

describe("verifyLevelSettings", () => {
  it("reads constants, literals, variables, conditionals and inline Zephyr values", async () => {
    const text = [
      "void a(void) { mbedtls_ssl_conf_authmode(&c, MBEDTLS_SSL_VERIFY_OPTIONAL); }",
      "void b(bool s) { int m = s ? MBEDTLS_SSL_VERIFY_REQUIRED : MBEDTLS_SSL_VERIFY_NONE; mbedtls_ssl_conf_authmode(&c, m); }",
      "void c(void) { wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER | WOLFSSL_VERIFY_FAIL_IF_NO_PEER_CERT, 0); }",
      "void d(int fd) { zsock_setsockopt(fd, ZSOCK_SOL_TLS, ZSOCK_TLS_PEER_VERIFY, &(int){ ZSOCK_TLS_PEER_VERIFY_OPTIONAL }, 4); }",
      "void e(int fd) { int v = 2; setsockopt(fd, SOL_TLS, TLS_PEER_VERIFY, &v, sizeof(v)); }",
      "void f(int fd) { setsockopt(fd, SOL_TLS, TLS_HOSTNAME, h, l); }",
      "void g(int mode) { mbedtls_ssl_conf_authmode(&c, mode); }",
    ].join("\n");
    const settings = await probe(text, (ctx) => verifyLevelSettings(ctx).map((s) => [s.stack, s.level, s.value?.text, s.variable?.name]));
    expect(settings).toEqual([
      ["mbedtls", "optional", "MBEDTLS_SSL_VERIFY_OPTIONAL", undefined],
      ["mbedtls", "none", "MBEDTLS_SSL_VERIFY_NONE", "m"],
      ["wolfssl", "required", "WOLFSSL_VERIFY_PEER | WOLFSSL_VERIFY_FAIL_IF_NO_PEER_CERT", undefined],
      ["zephyr", "optional", "ZSOCK_TLS_PEER_VERIFY_OPTIONAL", undefined],
      ["zephyr", "required", "2", "v"],
      ["mbedtls", undefined, undefined, undefined],
    ]);
  });
});
