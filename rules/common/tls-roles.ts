// Which side of a TLS connection C/C++ code sets up. On a server "verify none" or "verify optional"
// only says whether clients must show a certificate, the normal server setting, and a server has
// no host name to check; transport rules report clients only. The names below mark a side; socket
// calls (`listen`, `accept`, `connect`) only count inside the same function, since a file may hold
// a client and a server.

import type { SyntaxNode } from "../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../server/src/engine/types.ts";
import { enclosingFunction } from "./c-calls.ts";
import { identifierNamesEndingWith, identifiersNamed } from "./c-identifiers.ts";

/** mbedtls/ssl.h, openssl/ssl.h, wolfssl/ssl.h, zephyr/net/socket.h. */
const SERVER_MARKS = ["MBEDTLS_SSL_IS_SERVER", "SSL_accept", "wolfSSL_accept", "TLS_DTLS_ROLE_SERVER", "ZSOCK_TLS_DTLS_ROLE_SERVER"];
const SERVER_SOCKET_CALLS = ["listen", "zsock_listen", "accept", "zsock_accept"];
const CLIENT_MARKS = [
  "MBEDTLS_SSL_IS_CLIENT", "SSL_connect", "wolfSSL_connect", "mbedtls_ssl_set_hostname", "TLS_HOSTNAME", "ZSOCK_TLS_HOSTNAME",
  "TLS_DTLS_ROLE_CLIENT", "ZSOCK_TLS_DTLS_ROLE_CLIENT",
];
const CLIENT_SOCKET_CALLS = ["connect", "zsock_connect"];
/** `wolfTLSv1_2_server_method()`, `TLS_client_method()` and kin. */
const SERVER_METHOD_SUFFIX = "_server_method";
const CLIENT_METHOD_SUFFIX = "_client_method";

export interface TlsSides {
  readonly server: boolean;
  readonly client: boolean;
}

interface Mark {
  readonly start: number;
  readonly side: "server" | "client";
  /** A socket call, which only counts inside the same function. */
  readonly socket: boolean;
}

export interface TlsRoles {
  /** What the whole file sets up; socket calls not counted. */
  readonly file: TlsSides;
  /** What the code inside `scope` (usually a function) sets up, socket calls counted. */
  within(scope: SyntaxNode): TlsSides;
  /**
   * Whether the code at `node` is a TLS server: its function sets one up and shows no client
   * marks, or (outside functions, or when the function says nothing) the file does.
   */
  isServerSide(node: SyntaxNode): boolean;
}

const cache = new WeakMap<object, TlsRoles>();

function collectMarks(ctx: RuleContext): Mark[] {
  const marks: Mark[] = [];
  const add = (names: readonly string[], side: Mark["side"], socket: boolean) => {
    for (const name of names) for (const node of identifiersNamed(ctx, name)) marks.push({ start: node.startIndex, side, socket });
  };
  add(SERVER_MARKS, "server", false);
  add(CLIENT_MARKS, "client", false);
  add(SERVER_SOCKET_CALLS, "server", true);
  add(CLIENT_SOCKET_CALLS, "client", true);
  if (ctx.file.text.includes(SERVER_METHOD_SUFFIX) || ctx.file.text.includes(CLIENT_METHOD_SUFFIX)) {
    add(identifierNamesEndingWith(ctx, SERVER_METHOD_SUFFIX), "server", false);
    add(identifierNamesEndingWith(ctx, CLIENT_METHOD_SUFFIX), "client", false);
  }
  return marks.sort((a, b) => a.start - b.start);
}

function sidesOf(marks: readonly Mark[], start: number, end: number, withSocketCalls: boolean): TlsSides {
  let server = false;
  let client = false;
  for (const mark of marks) {
    if (mark.start < start || mark.start >= end || (mark.socket && !withSocketCalls)) continue;
    if (mark.side === "server") server = true;
    else client = true;
  }
  return { server, client };
}

/** The TLS roles of a C/C++ file, computed once per tree. */
export function tlsRoles(ctx: RuleContext): TlsRoles {
  const key = ctx.root ?? ctx.file;
  const cached = cache.get(key);
  if (cached) return cached;
  let marks: Mark[] | undefined;
  const allMarks = () => (marks ??= collectMarks(ctx));
  let file: TlsSides | undefined;
  const roles: TlsRoles = {
    get file() {
      return (file ??= sidesOf(allMarks(), 0, Number.POSITIVE_INFINITY, false));
    },
    within(scope) {
      return sidesOf(allMarks(), scope.startIndex, scope.endIndex, true);
    },
    isServerSide(node) {
      const fn = enclosingFunction(ctx, node);
      if (fn) {
        const local = roles.within(fn);
        if (local.client) return false;
        if (local.server) return true;
      }
      return roles.file.server && !roles.file.client;
    },
  };
  cache.set(key, roles);
  return roles;
}
