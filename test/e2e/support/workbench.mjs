// Driving code-server's VS Code workbench from playwright-core, shared by the code-server suites:
// the user settings that keep the workbench quiet and offline, timed steps, and the moves a user
// makes (open a folder, open a file, run a command, go to a position). Selectors are VS Code
// 1.139's (see shared E2E notes).

export const WORKBENCH_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "editor.hover.delay": 200,
  "editor.minimap.enabled": false,
  "files.autoSave": "off",
  "git.enabled": false,
  "chat.disableAIFeatures": true,
};

/** Runs `fn`, recording `name: N ms` in `log` whether it passes or throws. */
export async function step(name, fn, log) {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    log.push(`${name}: ${Date.now() - started} ms`);
  }
}

export async function openFolder(page, serverUrl, folder) {
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
}

/** Quick Open (Ctrl+P) on `name`, then waits until the editor shows `expectText`. */
export async function openFile(page, name, expectText) {
  await page.keyboard.press("Control+P");
  await page.locator(".quick-input-widget input").waitFor();
  await page.keyboard.type(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press("Enter");
  await page.locator(".monaco-editor .view-lines", { hasText: expectText }).waitFor({ timeout: 20_000 });
}

export async function runCommand(page, title) {
  await page.keyboard.press("F1");
  await page.locator(".quick-input-widget input").waitFor();
  await page.keyboard.type(title);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press("Enter");
}

/** Moves the cursor with Go to Line (Ctrl+G) to `line:column` (one-based). */
export async function goTo(page, line, column) {
  await page.keyboard.press("Control+G");
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
}

/**
 * Ctrl+. at the cursor, then clicks the code action titled `title`. The menu is asked for again
 * when it does not show: a press that lands while the editor is still applying the previous edit
 * is dropped by the workbench (seen once in a full `npm test` run).
 */
export async function applyCodeAction(page, title, attempts = 3) {
  const action = page.locator(".monaco-list-row.action", { hasText: title });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press("Control+Period");
    try {
      await action.first().waitFor({ timeout: 8_000 });
      break;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await page.keyboard.press("Escape");
    }
  }
  await action.first().click();
}

/** Hovers the centre of the first element matching `selector` (the text layer intercepts `locator.hover()`). */
export async function hoverOver(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`nothing to hover: ${selector}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Waits until the active editor has a non-empty selection (e.g. the justification placeholder the
 * server selects through `window/showDocument` after a suppression is inserted: a round trip that
 * can take a while under load), so that typing replaces it.
 */
export async function waitForSelection(page, timeout = 20_000) {
  await page.locator(".monaco-editor.focused .view-overlays .selected-text").first().waitFor({ timeout });
}
