// The project config of a folder the server cannot read (the browser worker; a virtual workspace on
// the desktop): the client finds and reads it, the server validates it as the CLI does.

import { describe, expect, it } from "vitest";
import type { Connection } from "vscode-languageserver";
import { projectConfigFromClient } from "../../server/src/lsp/client-project-config.ts";
import type { ProjectConfigFiles, ProjectConfigParams } from "../../server/src/lsp/client-protocol.ts";

const FOLDER = { uri: "vscode-vfs://github/acme/pump", path: "/acme/pump" };

function clientAnswering(answer: ProjectConfigFiles | null | Error) {
  const asked: ProjectConfigParams[] = [];
  const connection = {
    sendRequest: async (method: string, params: ProjectConfigParams) => {
      expect(method).toBe("sterile/projectConfig");
      asked.push(params);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as Connection;
  return { connection, asked };
}

describe("project config read by the client", () => {
  it("asks for the folder with the config file names and parses what comes back", async () => {
    const { connection, asked } = clientAnswering({ folderUri: FOLDER.uri, files: [{ name: ".sterile.yml", text: "rules:\n  cleartext-url: note\nexclude:\n  - vendor/**\n" }] });
    const loaded = await projectConfigFromClient(connection, FOLDER);
    expect(asked).toEqual([{ folderUri: FOLDER.uri, names: [".sterile.yml", ".sterile.yaml", ".sterile.json"] }]);
    if (!loaded || "error" in loaded) throw new Error(`expected a config, got ${JSON.stringify(loaded)}`);
    expect(loaded.dir).toBe("/acme/pump");
    expect(loaded.config.rules.get("cleartext-url")).toBe("note");
    expect(loaded.config.exclude).toEqual(["vendor/**"]);
    expect(loaded.file.name).toBe(".sterile.yml");
  });

  it("no config: undefined", async () => {
    expect(await projectConfigFromClient(clientAnswering(null).connection, FOLDER)).toBeUndefined();
  });

  it("an invalid config is one `file:line: problem` line, named as found above the folder", async () => {
    const { connection } = clientAnswering({ folderUri: "vscode-remote://host/home/dev", files: [{ name: ".sterile.yml", text: "rules:\n  tls-off: error\n" }] });
    const loaded = await projectConfigFromClient(connection, { uri: "vscode-remote://host/home/dev/ward/fw", path: "/home/dev/ward/fw" });
    expect(loaded).toEqual({ error: '../../.sterile.yml:2: unknown rule "tls-off" (see: sterile rules)' });
  });

  it("two config files in one folder is an error, as in the CLI", async () => {
    const { connection } = clientAnswering({ folderUri: FOLDER.uri, files: [{ name: ".sterile.yml", text: "" }, { name: ".sterile.json", text: "{}" }] });
    expect(await projectConfigFromClient(connection, FOLDER)).toEqual({ error: ".sterile.json:1: two config files in one folder (.sterile.yml, .sterile.json); keep one" });
  });

  it("a client that cannot answer gives a message, not a crash", async () => {
    const { connection } = clientAnswering(new Error("Unhandled method sterile/projectConfig"));
    expect(await projectConfigFromClient(connection, FOLDER)).toEqual({ error: "cannot read the project config: Unhandled method sterile/projectConfig" });
  });
});
