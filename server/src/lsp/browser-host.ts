// The language server's browser host (a Web Worker under vscode.dev, github.dev or code-server's
// web extension host): the `.wasm` bytes the client handed over at boot and the docs pages where
// the extension ships them. No disk: no `files`, so open documents are linted and the workspace
// scan says it is unavailable; the client reads the project config (client-project-config.ts).

import { ruleById } from "../../../rules/index.ts";
import type { ServerHost } from "./host.ts";
import type { WorkerBoot } from "./client-protocol.ts";

export function browserHost(boot: WorkerBoot, version: string): ServerHost {
  return {
    version,
    readWasm: async (fileName) => {
      const bytes = boot.wasm[fileName];
      if (!bytes) throw new Error(`${fileName} was not handed to the server worker`);
      return bytes;
    },
    docsUri: (ruleId) => (boot.docsBase && ruleById(ruleId) ? `${boot.docsBase.replace(/\/$/, "")}/${encodeURIComponent(ruleId)}.md` : undefined),
  };
}
