// The status bar item: the server's state and how many Sterile findings the Problems panel holds;
// a click opens the Problems panel.

import * as vscode from "vscode";

export type ServerState = "starting" | "running" | "stopped" | "failed" | "disabled";

const ICONS: Readonly<Record<ServerState, string>> = {
  starting: "$(sync~spin)",
  running: "$(shield)",
  stopped: "$(circle-slash)",
  failed: "$(error)",
  disabled: "$(circle-slash)",
};

const DESCRIPTIONS: Readonly<Record<ServerState, string>> = {
  starting: "starting",
  running: "running",
  stopped: "stopped",
  failed: "failed to start (see the Sterile output)",
  disabled: "disabled (sterile.enable is false)",
};

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("sterile.status", vscode.StatusBarAlignment.Left, 10);
  private state: ServerState = "starting";
  private findings = 0;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.item.name = "Sterile";
    this.item.command = "workbench.actions.view.problems";
    this.subscriptions.push(vscode.languages.onDidChangeDiagnostics(() => this.recountSoon()));
    this.recount();
    this.item.show();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  private recountSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.recount();
    }, 100);
  }

  private recount(): void {
    let count = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const diagnostic of diagnostics) if (diagnostic.source === "sterile") count++;
    }
    this.findings = count;
    this.render();
  }

  private render(): void {
    const counted = this.state === "running";
    this.item.text = `${ICONS[this.state]} Sterile${counted ? `: ${this.findings}` : ""}`;
    this.item.tooltip = `Sterile ${DESCRIPTIONS[this.state]}${counted ? ` — ${this.findings} finding${this.findings === 1 ? "" : "s"}; click to open Problems` : ""}`;
    this.item.backgroundColor = this.state === "failed" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
