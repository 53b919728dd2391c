// Entry point of the bundled language server, `dist/server.js`. VS Code starts it with
// `--node-ipc`; other editors run `sterile lsp --stdio` or `node dist/server.js --stdio`.

import { startNodeServer, transportFromArgs } from "./node-server.ts";

const transport = transportFromArgs(process.argv.slice(2));
if (transport) {
  startNodeServer(transport);
} else {
  process.stderr.write("sterile language server: pass --stdio or --node-ipc\n");
  process.exitCode = 2;
}
