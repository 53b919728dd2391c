// Hover markdown quotes a finding's message, and messages quote names from the scanned files: a
// crafted config key must reach the editor as text, never as a link, an image fetched when the
// hover shows, or HTML.

import { describe, expect, it } from "vitest";
import { ruleById } from "../../rules/index.ts";
import { hoverMarkdown, plainText } from "../../server/src/lsp/hover.ts";
import { testEngine } from "../support/engine.ts";

const CRAFTED = "![p](https://attacker.example/p.png)<img src=x>[click](command:workbench.action.terminal.new)";

describe("hover markdown", () => {
  it("escapes what a scanned file put into a message", async () => {
    const engine = await testEngine();
    const text = `"${CRAFTED}":\n  mqtt:\n    tls: false\n`;
    const [finding] = engine.analyze({ path: "config/gw.yaml", language: "yaml", text }).findings;
    expect(finding?.ruleId).toBe("tls-disabled");
    expect(finding!.message).toContain(CRAFTED); // the rule quotes the key path
    const markdown = hoverMarkdown(ruleById("tls-disabled")!, finding!, finding!.message, {});
    const quoted = markdown.split("\n\n")[1]!;
    expect(quoted).toBe(plainText(finding!.message));
    // Every character that opens markup is escaped (`\[`, `\<`): no link, image or tag survives.
    expect(quoted.replace(/\\./g, "")).not.toMatch(/[[\]<>`*_]/);
    // Escaped, not dropped: the text reads the same once rendered.
    expect(quoted.replace(/\\(.)/g, "$1")).toBe(finding!.message);
  });
});
