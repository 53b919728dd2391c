// Runs inside a real VS Code (desktop, launched by @vscode/test-electron) with the extension under
// development loaded: the same scenario as the code-server test, through the extension API.

const assert = require("node:assert/strict");
const path = require("node:path");
const vscode = require("vscode");

function sterileDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "sterile");
}

async function waitFor(check, what, ms = 30000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "no workspace folder");
  const uri = vscode.Uri.file(path.join(folder.uri.fsPath, "src", "wifi.c"));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);

  const diagnostics = await waitFor(() => (sterileDiagnostics(uri).length >= 2 ? sterileDiagnostics(uri) : undefined), "Sterile diagnostics");
  const codes = diagnostics.map((d) => (typeof d.code === "object" ? d.code.value : d.code)).sort();
  assert.deepEqual(codes, ["cleartext-url", "hardcoded-credential"]);
  const url = diagnostics.find((d) => (typeof d.code === "object" ? d.code.value : d.code) === "cleartext-url");
  assert.match(String(url.code.target), /dist\/docs\/cleartext-url\.md$/);

  const hovers = await vscode.commands.executeCommand("vscode.executeHoverProvider", uri, diagnostics[0].range.start.translate(0, 2));
  const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n");
  assert.match(hoverText, /Why it matters on a medical device/);

  const actions = await vscode.commands.executeCommand("vscode.executeCodeActionProvider", uri, url.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title === "Use https:// (may change behaviour)");
  assert.ok(fix && fix.edit, `no quick fix among: ${actions.map((a) => a.title).join(", ")}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await waitFor(() => !sterileDiagnostics(uri).some((d) => (typeof d.code === "object" ? d.code.value : d.code) === "cleartext-url"), "the fixed finding to go");
  assert.ok(await document.save());
  assert.match(document.getText(), /"https:\/\/telemetry/);

  await vscode.commands.executeCommand("sterile.scanWorkspace");
  await waitFor(() => sterileDiagnostics(vscode.Uri.file(path.join(folder.uri.fsPath, "sdkconfig"))).length > 0, "scan results for sdkconfig");
}

module.exports = { run };
