import { defineRule } from "../../../server/src/engine/rule.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RelatedInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { namedCalls, callArguments, unwrapExpression } from "../../common/c-calls.ts";
import { addressOf, constantValue, type CConstant } from "../../common/c-constants.ts";
import { cSwitchValue } from "../../common/c-settings.ts";
import { declaratorName } from "../../common/c-syntax.ts";
import docs from "./README.md?raw";
import { lookupTable } from "../../common/lookup-table.ts";

const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });
const RISK = "pairing falls back to Just Works, which has no MITM protection: anyone in radio range can pair, or sit in the middle of a pairing, unnoticed";

/**
 * "No input, no output" IO capabilities: ESP-IDF Bluedroid esp_gap_ble_api.h (`ESP_IO_CAP_NONE`),
 * NimBLE host/ble_hs.h (`BLE_HS_IO_NO_INPUT_OUTPUT`) and host/ble_sm.h (`BLE_SM_IO_CAP_NO_IO`).
 * All three are 3, the Bluetooth Core value of NoInputNoOutput.
 */
const NO_IO = new Set(["ESP_IO_CAP_NONE", "BLE_HS_IO_NO_INPUT_OUTPUT", "BLE_SM_IO_CAP_NO_IO"]);
const NO_IO_VALUE = 3;

/** Whether a value is the NoInputNoOutput capability; a bare 3 only where the slot is known to be an IO capability. */
function isNoIo(value: CConstant, numbersCount: boolean): boolean {
  if (value.kind === "symbol") return NO_IO.has(value.name);
  if (value.kind === "number") return numbersCount && value.value === NO_IO_VALUE;
  return false;
}

function report(ctx: RuleContext, at: SyntaxNode, value: CConstant, how: string): void {
  const related: RelatedInput[] = value.node.startIndex < at.startIndex || value.node.startIndex >= at.endIndex ? [{ span: span(value.node), message: "the IO capability is set here" }] : [];
  ctx.report({ span: span(at), message: `${how} declares no input and no output: ${RISK}`, ...(related.length > 0 ? { related } : {}) });
}

/**
 * Out-of-band pairing makes a NoInputNoOutput device authenticated after all: ESP-IDF
 * `ESP_BLE_SM_OOB_SUPPORT` with `ESP_BLE_OOB_ENABLE`, NimBLE `sm_oob_data_flag = 1`.
 */
function usesOob(ctx: RuleContext): boolean {
  const text = ctx.file.text;
  if (text.includes("ESP_BLE_OOB_ENABLE")) return true;
  if (!text.includes("sm_oob_data_flag")) return false;
  return ctx.nodes(["assignment_expression"]).some((node) => {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    return left?.type === "field_expression" && left.childForFieldName("field")?.text === "sm_oob_data_flag" && right !== null && cSwitchValue(right.text) === true;
  });
}

/** Calls whose argument is the IO capability (C++ methods, called on an object or the class). */
const IO_CAP_METHODS: Readonly<Record<string, string>> = lookupTable({
  // arduino-esp32 libraries/BLE BLESecurity::setCapability(esp_ble_io_cap_t)
  setCapability: "setCapability()",
  // NimBLE-Arduino NimBLEDevice::setSecurityIOCap(uint8_t)
  setSecurityIOCap: "setSecurityIOCap()",
});

function checkCalls(ctx: RuleContext): void {
  for (const { call, name } of namedCalls(ctx)) {
    if (name === "esp_ble_gap_set_security_param") {
      // esp_ble_gap_set_security_param(ESP_BLE_SM_IOCAP_MODE, &iocap, sizeof(uint8_t))
      const [param, value] = callArguments(call);
      if (!param || !value || unwrapExpression(param).text !== "ESP_BLE_SM_IOCAP_MODE") continue;
      const target = addressOf(value);
      const resolved = target ? constantValue(ctx, target) : undefined;
      if (resolved && isNoIo(resolved, true)) report(ctx, value, resolved, "esp_ble_gap_set_security_param(ESP_BLE_SM_IOCAP_MODE, …)");
    } else if (name && IO_CAP_METHODS[name] && call.childForFieldName("function")?.type !== "identifier") {
      const arg = callArguments(call)[0];
      const resolved = arg ? constantValue(ctx, arg) : undefined;
      if (arg && resolved && isNoIo(resolved, false)) report(ctx, arg, resolved, IO_CAP_METHODS[name]!);
    }
  }
}

/** NimBLE host: `ble_hs_cfg.sm_io_cap = BLE_HS_IO_NO_INPUT_OUTPUT;` */
function checkNimbleConfig(ctx: RuleContext): void {
  for (const node of ctx.nodes(["assignment_expression"])) {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (left?.type !== "field_expression" || left.childForFieldName("field")?.text !== "sm_io_cap" || !right) continue;
    const resolved = constantValue(ctx, right);
    if (isNoIo(resolved, true)) report(ctx, right, resolved, `${left.text}`);
  }
}

/** The field names of a designated initialiser, as written (so fields under `#if` count too). */
function mentionsField(list: SyntaxNode, field: string): boolean {
  const text = list.text;
  for (let at = text.indexOf(field); at >= 0; at = text.indexOf(field, at + 1)) {
    const after = text[at + field.length];
    if (after !== undefined && /\w/.test(after)) continue;
    let before = at - 1;
    while (before >= 0 && /\s/.test(text[before]!)) before--;
    if (text[before] === ".") return true;
  }
  return false;
}

/**
 * Zephyr subsys/bluetooth/host/smp.c `get_io_capa()`: without `passkey_display` and `passkey_entry`
 * callbacks (and without a fixed passkey) the device is NoInputNoOutput. A registered
 * `struct bt_conn_auth_cb` that offers neither pairs with Just Works (`pairing_confirm` only asks
 * the user to accept, it authenticates nothing). OOB data (`oob_data_request`) and an app passkey are
 * authenticated methods.
 */
function checkZephyrAuthCallbacks(ctx: RuleContext): void {
  const text = ctx.file.text;
  if (!text.includes("bt_conn_auth_cb_register") || text.includes("bt_passkey_set")) return;
  const registered = new Set<string>();
  for (const { call, name } of namedCalls(ctx)) {
    if (name !== "bt_conn_auth_cb_register") continue;
    const target = callArguments(call)[0];
    const variable = target ? addressOf(target) : undefined;
    if (variable?.type === "identifier") registered.add(variable.text);
  }
  for (const declarator of ctx.nodes(["init_declarator"])) {
    const list = declarator.childForFieldName("value");
    const type = declarator.parent?.childForFieldName("type");
    if (list?.type !== "initializer_list" || !type || !/\bbt_conn_auth_cb\b/.test(type.text)) continue;
    const name = declaratorName(declarator.childForFieldName("declarator"));
    if (!name || !registered.has(name.text)) continue;
    if (["passkey_display", "passkey_entry", "oob_data_request", "app_passkey"].some((field) => mentionsField(list, field))) continue;
    ctx.report({ span: span(name), message: `bt_conn_auth_cb ${name.text} has neither passkey_display nor passkey_entry, so the device pairs as NoInputNoOutput: ${RISK}` });
  }
}

export default defineRule({
  id: "ble-just-works-pairing",
  family: "transport",
  severity: "warning",
  title: "BLE pairing without MITM protection (Just Works)",
  message: "BLE pairing declares no input and no output, so it falls back to Just Works without MITM protection",
  cwe: ["CWE-1390", "CWE-287"],
  standards: { owaspIot: ["I3", "I7"], iec62443: ["CR 1.2", "CR 3.1"], fda: ["Authentication"] },
  languages: ["c", "cpp"],
  triggers: ["esp_ble_sm_iocap_mode", "sm_io_cap", "esp_io_cap_none", "ble_hs_io_no_input_output", "ble_sm_io_cap_no_io", "bt_conn_auth_cb_register"],
  docs,
  check(ctx) {
    if (usesOob(ctx)) return;
    checkCalls(ctx);
    checkNimbleConfig(ctx);
    checkZephyrAuthCallbacks(ctx);
  },
});
