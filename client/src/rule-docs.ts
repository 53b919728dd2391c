// Rule docs pages ship with the extension (`dist/docs/<rule-id>.md`, copied by the build from each
// rule's README.md) and open rendered in the Markdown preview. Diagnostics link to the page file
// (`codeDescription.href`, which any LSP client can open); when VS Code opens that file as text —
// from the Problems panel or a hover — it is swapped for the rendered preview.

import * as vscode from "vscode";

export interface RuleIndexEntry {
  readonly id: string;
  readonly title: string;
  readonly family: string;
  readonly severity: string;
}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class RuleDocs implements vscode.Disposable {
  private readonly docsDir: vscode.Uri;
  private readonly subscription: vscode.Disposable;

  constructor(extensionUri: vscode.Uri) {
    this.docsDir = vscode.Uri.joinPath(extensionUri, "dist", "docs");
    this.subscription = vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) if (this.isDocsPage(editor.document.uri)) void this.swapForPreview(editor.document.uri);
    });
  }

  pageUri(ruleId: string): vscode.Uri {
    return vscode.Uri.joinPath(this.docsDir, `${ruleId}.md`);
  }

  private isDocsPage(uri: vscode.Uri): boolean {
    return uri.scheme === this.docsDir.scheme && uri.path.startsWith(`${this.docsDir.path}/`) && uri.path.endsWith(".md");
  }

  private async swapForPreview(uri: vscode.Uri): Promise<void> {
    await vscode.commands.executeCommand("markdown.showPreview", uri);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const textTabs = tabs.filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
    if (textTabs.length > 0) await vscode.window.tabGroups.close(textTabs);
  }

  async index(): Promise<RuleIndexEntry[]> {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.docsDir, "index.json"));
    return JSON.parse(new TextDecoder().decode(bytes)) as RuleIndexEntry[];
  }

  /** Opens a rule's page rendered; asks which rule when none is given and none is under the cursor. */
  async show(ruleId?: string): Promise<void> {
    let id = ruleId ?? this.ruleAtCursor();
    if (!id) {
      const rules = await this.index();
      const picked = await vscode.window.showQuickPick(
        rules.map((r) => ({ label: r.id, description: r.title, detail: `${r.family} · ${r.severity}` })),
        { placeHolder: "Which rule's documentation?" },
      );
      id = picked?.label;
    }
    if (!id) return;
    // The id may arrive as a command argument from hover markdown: a rule id names a page in the
    // shipped docs folder and nothing else (no `../`).
    if (!RULE_ID.test(id)) {
      void vscode.window.showWarningMessage(`Sterile: "${id}" is not a rule id.`);
      return;
    }
    const page = this.pageUri(id);
    try {
      await vscode.workspace.fs.stat(page);
    } catch {
      void vscode.window.showWarningMessage(`Sterile: no documentation page for "${id}".`);
      return;
    }
    await vscode.commands.executeCommand("markdown.showPreview", page);
  }

  private ruleAtCursor(): string | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const position = editor.selection.active;
    const diagnostic = vscode.languages
      .getDiagnostics(editor.document.uri)
      .find((d) => d.source === "sterile" && d.range.contains(position));
    const code = diagnostic?.code;
    return typeof code === "object" ? String(code.value) : code !== undefined ? String(code) : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
