// URIs of documents outside the local disk (virtual and remote workspaces, as the browser build
// sees them) keep their scheme and authority when the server points at another path in them.

import { describe, expect, it } from "vitest";
import { uriPath, withPath } from "../../server/src/lsp/uris.ts";

describe("withPath", () => {
  it("keeps the scheme and authority, replacing the path", () => {
    expect(withPath("vscode-vfs://github/acme/pump/src/wifi.c", "/acme/pump/include/secrets.h")).toBe("vscode-vfs://github/acme/pump/include/secrets.h");
    expect(withPath("vscode-remote://127.0.0.1:8080/home/dev/ward/src/a.c", "/home/dev/ward/b.c")).toBe("vscode-remote://127.0.0.1:8080/home/dev/ward/b.c");
  });

  it("encodes what needs encoding and round-trips through uriPath", () => {
    const uri = withPath("vscode-vfs://github/acme/pump/a.c", "/acme/pump/my dir/#1.c");
    expect(uri).toBe("vscode-vfs://github/acme/pump/my%20dir/%231.c");
    expect(uriPath(uri)).toBe("/acme/pump/my dir/#1.c");
  });

  it("handles URIs without an authority", () => {
    expect(withPath("untitled:Untitled-1", "/x.c")).toBe("untitled:/x.c");
  });
});
