import { defineRule } from "../../../server/src/engine/rule.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RelatedInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { switchValue } from "../../../server/src/engine/config-entries.ts";
import { namedCalls, callArguments, enclosingFunction, functionNameNode, unwrapExpression } from "../../common/c-calls.ts";
import { addressOf, constantValue, type CConstant } from "../../common/c-constants.ts";
import { declaratorName } from "../../common/c-syntax.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigSymbolOf } from "../../common/kconfig-symbols.ts";
import docs from "./README.md?raw";
import { lookupTable } from "../../common/lookup-table.ts";

const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });
const RISK = "every unit shares it, so anyone who learns it once can pair with any device and the pairing has no real MITM protection";

/** Zephyr include/zephyr/bluetooth/conn.h: values that are not a passkey (disable a fixed one, or ask for a random one). */
const NOT_A_PASSKEY = new Set(["BT_PASSKEY_INVALID", "BT_PASSKEY_RAND"]);

/** Whether a resolved value is a passkey fixed at build time (a 6-digit number, or a constant named in a header or Kconfig). */
function isFixed(value: CConstant): boolean {
  if (value.kind === "number") return value.value <= 999_999;
  if (value.kind === "symbol") return /^[A-Z][A-Z0-9_]*$/.test(value.name) && !NOT_A_PASSKEY.has(value.name);
  return false;
}

function report(ctx: RuleContext, at: SyntaxNode, value: CConstant, where: string, related: RelatedInput[] = []): void {
  const secret = value.kind === "number" ? span(value.node) : undefined;
  const extra: RelatedInput[] = value.node.startIndex < at.startIndex || value.node.startIndex >= at.endIndex ? [{ span: span(value.node), message: "the passkey's value is set here" }] : [];
  ctx.report({
    span: span(at),
    message: `Fixed BLE pairing passkey ${where}: ${RISK}`,
    ...(secret ? { secret } : {}),
    ...(extra.length + related.length > 0 ? { related: [...extra, ...related] } : {}),
  });
}

/** Calls whose argument is the passkey itself. */
const PASSKEY_CALLS: Readonly<Record<string, { arg: number; what: string }>> = lookupTable({
  // arduino-esp32 libraries/BLE BLESecurity::setStaticPIN(uint32_t pin)
  setStaticPIN: { arg: 0, what: "passed to setStaticPIN()" },
  // NimBLE-Arduino NimBLEDevice::setSecurityPasskey(uint32_t), injectPassKey(const NimBLEConnInfo&, uint32_t)
  setSecurityPasskey: { arg: 0, what: "passed to setSecurityPasskey()" },
  injectPassKey: { arg: 1, what: "passed to injectPassKey()" },
  // Zephyr include/zephyr/bluetooth/conn.h: int bt_passkey_set(unsigned int passkey)
  bt_passkey_set: { arg: 0, what: "set with bt_passkey_set()" },
});

/** ESP-IDF Bluedroid esp_gap_ble_api.h: esp_ble_gap_set_security_param(ESP_BLE_SM_SET_STATIC_PASSKEY, &passkey, sizeof(uint32_t)). */
function checkEspStaticPasskey(ctx: RuleContext, call: SyntaxNode): void {
  const [param, value] = callArguments(call);
  if (!param || !value || unwrapExpression(param).text !== "ESP_BLE_SM_SET_STATIC_PASSKEY") return;
  const target = addressOf(value);
  if (!target) return;
  const resolved = constantValue(ctx, target);
  if (isFixed(resolved)) report(ctx, value, resolved, "set with esp_ble_gap_set_security_param(ESP_BLE_SM_SET_STATIC_PASSKEY, …)");
}

function inside(node: SyntaxNode, outer: SyntaxNode): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

/** The last designator of an initializer pair: `.passkey = …` → `passkey`. */
function designatorOf(pair: SyntaxNode): string | undefined {
  const designators = pair.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type === "field_designator");
  return designators.at(-1)?.namedChildren.find((c) => c?.type === "field_identifier")?.text;
}

/**
 * NimBLE host/ble_sm.h: `struct ble_sm_io pkey; pkey.passkey = 123456; ble_sm_inject_io(conn, &pkey)`
 * (the shape of ESP-IDF's NimBLE examples). Writes to `<pkey>.passkey` in the calling function count.
 */
function checkNimbleInject(ctx: RuleContext, call: SyntaxNode, reported: Set<number>): void {
  const io = callArguments(call)[1];
  const target = io ? addressOf(io) : undefined;
  const fn = enclosingFunction(ctx, call);
  if (target?.type !== "identifier" || !fn) return;
  const name = target.text;
  const related: RelatedInput[] = [{ span: span(call), message: "injected into pairing here" }];
  for (const node of ctx.nodes(["assignment_expression", "initializer_pair"])) {
    if (node.startIndex >= call.startIndex || !inside(node, fn)) continue;
    let value: SyntaxNode | null | undefined;
    if (node.type === "assignment_expression") {
      const left = node.childForFieldName("left");
      if (left?.type !== "field_expression" || left.childForFieldName("field")?.text !== "passkey" || left.childForFieldName("argument")?.text !== name) continue;
      value = node.childForFieldName("right");
    } else {
      if (designatorOf(node) !== "passkey") continue;
      const declarator = node.parent?.parent;
      if (declarator?.type !== "init_declarator" || declaratorName(declarator.childForFieldName("declarator"))?.text !== name) continue;
      value = node.childForFieldName("value") ?? node.namedChildren.at(-1);
    }
    // Several inject calls (one per pairing action) see the same write once.
    if (!value || reported.has(value.startIndex)) continue;
    const resolved = constantValue(ctx, value);
    if (!isFixed(resolved)) continue;
    reported.add(value.startIndex);
    report(ctx, value, resolved, "injected with ble_sm_inject_io()", related);
  }
}

/**
 * Zephyr ≥ 4.3 (`CONFIG_BT_APP_PASSKEY`): the passkey comes from `bt_conn_auth_cb.app_passkey`;
 * a callback that returns a constant (rather than `BT_PASSKEY_RAND`) is a fixed passkey.
 */
function checkZephyrAppPasskey(ctx: RuleContext): void {
  const callbacks = new Map<string, SyntaxNode>();
  for (const pair of ctx.nodes(["initializer_pair"])) {
    if (designatorOf(pair) !== "app_passkey") continue;
    const value = pair.childForFieldName("value") ?? pair.namedChildren.at(-1);
    const fn = value ? unwrapExpression(value) : undefined;
    if (fn?.type === "identifier") callbacks.set(fn.text, pair);
  }
  if (callbacks.size === 0) return;
  const returns = ctx.nodes(["return_statement"]);
  for (const fn of ctx.nodes(["function_definition"])) {
    const name = functionNameNode(ctx, fn)?.text;
    const registration = name ? callbacks.get(name) : undefined;
    if (!registration) continue;
    const values = returns.filter((r) => inside(r, fn)).map((r) => r.namedChildren.find((c) => c !== null && c.type !== "comment"));
    if (values.length === 0 || values.some((v) => !v)) continue;
    const resolved = values.map((v) => ({ node: v!, value: constantValue(ctx, v!) }));
    if (!resolved.every((r) => isFixed(r.value))) continue;
    for (const r of resolved) {
      report(ctx, r.node, r.value, `returned by the app_passkey callback ${name}()`, [{ span: span(registration), message: "registered as bt_conn_auth_cb.app_passkey here" }]);
    }
  }
}

function checkC(ctx: RuleContext): void {
  const text = ctx.file.text;
  const injected = new Set<number>();
  for (const { call, name } of namedCalls(ctx)) {
    if (!name) continue;
    if (name === "esp_ble_gap_set_security_param") {
      checkEspStaticPasskey(ctx, call);
    } else if (name === "ble_sm_inject_io") {
      checkNimbleInject(ctx, call, injected);
    } else {
      const spec = PASSKEY_CALLS[name];
      const arg = spec ? callArguments(call)[spec.arg] : undefined;
      if (!spec || !arg) continue;
      // BLESecurity and NimBLE-Arduino are C++ classes: their methods are called on an object or the class.
      if (name !== "bt_passkey_set" && call.childForFieldName("function")?.type === "identifier") continue;
      const resolved = constantValue(ctx, arg);
      if (isFixed(resolved)) report(ctx, arg, resolved, spec.what);
    }
  }
  if (text.includes("app_passkey")) checkZephyrAppPasskey(ctx);
}

/** Zephyr subsys/bluetooth/host/Kconfig: `BT_FIXED_PASSKEY` enables bt_passkey_set() (deprecated in 4.3 for BT_APP_PASSKEY). */
function checkKconfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    if (kconfigSymbolOf(entry.key)?.symbol !== "BT_FIXED_PASSKEY" || switchValue(entry) !== true) continue;
    ctx.report({ span: entrySpan(entry), message: `${entry.key}=y builds BLE pairing around a fixed passkey (bt_passkey_set()): ${RISK}` });
  }
}

export default defineRule({
  id: "ble-fixed-passkey",
  family: "credentials",
  severity: "error",
  title: "Fixed BLE pairing passkey",
  message: "BLE pairing uses a passkey fixed in the firmware; every unit shares it and pairing loses its MITM protection",
  cwe: ["CWE-798", "CWE-1391"],
  standards: { owaspIot: ["I1", "I9"], iec62443: ["CR 1.5", "CR 1.2"], fda: ["Authentication"] },
  languages: ["c", "cpp", "kconfig"],
  triggers: [
    "esp_ble_sm_set_static_passkey", "setstaticpin", "setsecuritypasskey", "injectpasskey", "bt_passkey_set", "ble_sm_inject_io",
    "app_passkey", "bt_fixed_passkey",
  ],
  docs,
  check(ctx) {
    if (ctx.file.language === "kconfig") checkKconfig(ctx);
    else checkC(ctx);
  },
});
