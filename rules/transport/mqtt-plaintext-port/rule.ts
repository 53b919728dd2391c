import { defineRule } from "../../../server/src/engine/rule.ts";
import { namedChildrenOf, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { FixInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import type { ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import { baseName } from "../../../grammars/registry.ts";
import { namedCalls, callArguments, fieldWrites, unwrapExpression } from "../../common/c-calls.ts";
import { cIntegerValue, cSettings } from "../../common/c-settings.ts";
import { declaratorName, stringMacros } from "../../common/c-syntax.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigSymbolOf } from "../../common/kconfig-symbols.ts";
import { nameWords } from "../../common/names.ts";
import { stringSources } from "../../common/string-pieces.ts";
import { findUrls, isLoopbackHost, isReservedExampleHost, isUnspecifiedHost } from "../../common/urls.ts";
import docs from "./README.md?raw";
import { lookupTable } from "../../common/lookup-table.ts";

const CLEAR_PORT = "1883";

/**
 * 1883 as written in practice: decimal, optionally with integer suffixes (`1883U`). Hex or octal
 * spellings are not recognised, so the `1883` trigger stays complete.
 */
function isClearPort(text: string | undefined): boolean {
  return text !== undefined && text.replace(/^[(\s]+/, "").startsWith(CLEAR_PORT) && cIntegerValue(text) === 1883;
}
const TLS_PORT = "8883";
const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });
const EXPOSURE = "credentials and data cross the network unencrypted";

/** Words that say a name belongs to MQTT. */
function isMqttWord(word: string): boolean {
  return word === "mqtt" || word === "broker" || word === "mosquitto" || word.startsWith("mqtt");
}

/**
 * `MQTT_BROKER_PORT`, `CONFIG_EXAMPLE_MQTT_PORT`, `brokerPort`, `MQTTPORT`: a port name with an
 * MQTT word before it. Names ending in `DEFAULT_PORT` (`MQTT_TCP_DEFAULT_PORT`, `MQTT_DEFAULT_PORT`)
 * are how protocol libraries name the port `mqtt://` means, not a choice of the product; an
 * application's `DEFAULT_BROKER_PORT` / `DEFAULT_MQTT_PORT` is the port it connects to and is reported.
 */
function isMqttPortName(name: string, context: readonly string[] = []): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (!last) return false;
  const runTogether = last !== "port" && last.endsWith("port") && isMqttWord(last);
  if (last !== "port" && !runTogether) return false;
  const before = [...context.flatMap(nameWords), ...words.slice(0, -1)];
  if (!runTogether && !before.some(isMqttWord)) return false;
  return words[words.length - 2] !== "default";
}

function portFix(text: string, valueStart: number): FixInput[] {
  const at = text.indexOf(CLEAR_PORT);
  if (at < 0) return [];
  const start = valueStart + at;
  return [{ title: `Use the MQTT-over-TLS port ${TLS_PORT}`, safety: "unsafe", edits: [{ start, end: start + CLEAR_PORT.length, newText: TLS_PORT }] }];
}

function reportSetting(ctx: RuleContext, name: string, at: Span, valueText: string, valueSpan: Span): void {
  ctx.report({
    span: at,
    message: `${name} is the cleartext MQTT port ${CLEAR_PORT}; ${EXPOSURE}`,
    fixes: portFix(valueText, valueSpan.start),
  });
}

// ---- C/C++ ------------------------------------------------------------------------------------

/** libmosquitto `mosquitto_connect*(mosq, host, port, …)`; PubSubClient `setServer(host, port)`. */
const CONNECT_CALLS: Readonly<Record<string, { host: number; port: number }>> = lookupTable({
  mosquitto_connect: { host: 1, port: 2 },
  mosquitto_connect_async: { host: 1, port: 2 },
  mosquitto_connect_bind: { host: 1, port: 2 },
  mosquitto_connect_bind_async: { host: 1, port: 2 },
  mosquitto_connect_bind_v5: { host: 1, port: 2 },
  setServer: { host: 0, port: 1 },
});

/** String macros of this file (`#define NAME "host"`), read on first use: most files never need them. */
type LocalHosts = () => ReadonlyMap<string, string>;

function localHosts(ctx: RuleContext): LocalHosts {
  let hosts: Map<string, string> | undefined;
  return () => {
    if (!hosts) {
      hosts = new Map();
      for (const macro of stringMacros(ctx.nodes(["preproc_def"]))) {
        if (!macro.value.hasMacro) hosts.set(macro.name, macro.value.value);
      }
    }
    return hosts;
  };
}

/** `"127.0.0.1"`, or `LOCAL_BROKER_HOST` defined as `"127.0.0.1"` in the same file. */
function isLoopbackExpression(node: SyntaxNode | undefined, hosts: LocalHosts): boolean {
  if (!node) return false;
  const inner = unwrapExpression(node);
  if (inner.type === "string_literal") return isLoopbackHost(inner.text.slice(1, -1));
  const host = inner.type === "identifier" ? hosts().get(inner.text) : undefined;
  return host !== undefined && isLoopbackHost(host);
}

/** Struct fields that name the broker host next to a `port` field. */
const HOST_FIELDS = new Set(["host", "hostname", "address", "addr", "server", "broker", "ip", "bind_address"]);

/**
 * A port written in an initialiser whose sibling host field is loopback:
 * `{ .host = "127.0.0.1", .port = 1883 }`, `.broker.address = { .hostname = LOCAL_HOST, .port = 1883 }`.
 */
function hasLoopbackSiblingHost(valueNode: SyntaxNode, hosts: LocalHosts): boolean {
  const pair = valueNode.parent;
  const list = pair && (pair.type === "initializer_pair" || pair.type === "field_initializer") ? pair.parent : null;
  if (list?.type !== "initializer_list") return false;
  for (const sibling of namedChildrenOf(list)) {
    if (sibling.type !== "initializer_pair" && sibling.type !== "field_initializer") continue;
    const field = namedChildrenOf(sibling)
      .filter((c) => c.type === "field_designator" || c.type === "field_identifier")
      .at(-1)
      ?.text.replace(/^\./, "");
    const value = sibling.childForFieldName("value") ?? namedChildrenOf(sibling).at(-1);
    if (field && HOST_FIELDS.has(field.toLowerCase()) && isLoopbackExpression(value, hosts)) return true;
  }
  return false;
}

/**
 * Where a port macro is used, in this file, with a loopback host: as the port argument of a
 * connect call (`mosquitto_connect(m, LOCAL_BROKER_HOST, LOCAL_BROKER_PORT, …)`) or next to a
 * loopback host field. True only when every use in the file is such a use.
 */
function usedOnlyWithLoopback(ctx: RuleContext, name: string, hosts: LocalHosts): boolean {
  let uses = 0;
  for (const { call, name: callee } of namedCalls(ctx)) {
    const spec = callee ? CONNECT_CALLS[callee] : undefined;
    if (!spec) continue;
    const args = callArguments(call);
    const port = args[spec.port] ? unwrapExpression(args[spec.port]!) : undefined;
    if (port?.type !== "identifier" || port.text !== name) continue;
    if (!isLoopbackExpression(args[spec.host], hosts)) return false;
    uses++;
  }
  for (const write of fieldWrites(ctx)) {
    const value = unwrapExpression(write.value);
    if (value.type !== "identifier" || value.text !== name) continue;
    if (!hasLoopbackSiblingHost(write.value, hosts)) return false;
    uses++;
  }
  return uses > 0;
}

function checkC(ctx: RuleContext, root: SyntaxNode): void {
  const hosts = localHosts(ctx);
  for (const setting of cSettings(ctx)) {
    if (setting.kind !== "define" || !setting.valueText || !setting.valueSpan) continue;
    if (!isClearPort(setting.valueText) || !isMqttPortName(setting.name)) continue;
    if (usedOnlyWithLoopback(ctx, setting.name, hosts)) continue;
    reportSetting(ctx, setting.name, setting.span, setting.valueText, setting.valueSpan);
  }
  for (const write of fieldWrites(ctx)) {
    const value = unwrapExpression(write.value);
    if (value.type !== "number_literal" || !isClearPort(value.text)) continue;
    if (!isMqttPortName(write.field, write.context)) continue;
    if (hasLoopbackSiblingHost(write.value, hosts)) continue;
    reportSetting(ctx, write.field, { start: write.fieldNode.startIndex, end: write.value.endIndex }, value.text, span(value));
  }
  for (const node of ctx.nodes(["init_declarator"])) {
    const name = declaratorName(node.childForFieldName("declarator"));
    const raw = node.childForFieldName("value");
    const value = raw ? unwrapExpression(raw) : undefined;
    if (!name || !value || value.type !== "number_literal" || !isClearPort(value.text) || !isMqttPortName(name.text)) continue;
    reportSetting(ctx, name.text, { start: name.startIndex, end: value.endIndex }, value.text, span(value));
  }
  for (const { call, name: callee } of namedCalls(ctx)) {
    const spec = callee ? CONNECT_CALLS[callee] : undefined;
    if (!spec) continue;
    const args = callArguments(call);
    const port = args[spec.port] ? unwrapExpression(args[spec.port]!) : undefined;
    if (!port || port.type !== "number_literal" || !isClearPort(port.text)) continue;
    if (isLoopbackExpression(args[spec.host], hosts)) continue;
    ctx.report({ span: span(port), message: `${callee}(…) connects to the cleartext MQTT port ${CLEAR_PORT}; ${EXPOSURE}` });
  }
}

// ---- URIs in strings and values: Paho's `tcp://host:1883` -------------------------------------

const TCP_SCHEME = /(?<![A-Za-z0-9+._-])(tcp):\/\//gi;

function checkTcpUris(ctx: RuleContext): void {
  for (const { flat } of stringSources(ctx)) {
    if (!flat.text.includes(":" + CLEAR_PORT)) continue;
    for (const url of findUrls(flat.text, TCP_SCHEME)) {
      if (url.port?.text !== CLEAR_PORT) continue;
      if (!url.hostFromMacro && (url.host === "" || isLoopbackHost(url.host) || isUnspecifiedHost(url.host) || isReservedExampleHost(url.host))) continue;
      const start = flat.sourceOffset(url.start);
      if (start === undefined) continue;
      const end = start + (Math.min(url.end, flat.pieceEnd(url.start)) - url.start);
      ctx.report({ span: { start, end }, message: `MQTT broker URI ${url.scheme}://…:${CLEAR_PORT} uses the cleartext port; ${EXPOSURE}` });
    }
  }
}

// ---- Configs ----------------------------------------------------------------------------------

/** `-DMQTT_PORT=1883` in build flags (platformio.ini `build_flags`, CMake presets). */
const BUILD_FLAG_PORT = /-D[ \t]*([A-Za-z_][A-Za-z0-9_]*)=(1883)(?![0-9])/g;
/** `broker.local:1883`, `[fd00::1]:1883` as a whole value. */
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):1883$/;

function checkBuildFlags(ctx: RuleContext, entry: ConfigEntry): void {
  const raw = ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end);
  for (const match of raw.matchAll(BUILD_FLAG_PORT)) {
    const name = match[1]!;
    if (!isMqttPortName(name)) continue;
    const start = entry.contentSpan.start + match.index!;
    const valueStart = start + match[0].length - CLEAR_PORT.length;
    ctx.report({
      span: { start, end: start + match[0].length },
      message: `${name} is the cleartext MQTT port ${CLEAR_PORT}; ${EXPOSURE}`,
      fixes: portFix(CLEAR_PORT, valueStart),
    });
  }
}

/** Keys that name the broker host next to a `port` key. */
const HOST_KEYS = new Set(["host", "hostname", "address", "addr", "server", "broker", "ip", "bind", "bind_address"]);

/** Mapping nodes of the config grammars (YAML, JSON, TOML, INI): keys of one mapping are siblings. */
const MAPPING_TYPES = ["block_mapping", "flow_mapping", "object", "table", "inline_table", "table_array_element", "section"];

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((part, i) => part === b[i]);

/** The innermost mapping node holding `at`; undefined at the top level of a file. */
function mappingOf(ctx: RuleContext, at: number): SyntaxNode | undefined {
  let best: SyntaxNode | undefined;
  for (const node of ctx.nodes(MAPPING_TYPES)) {
    if (node.startIndex > at) break;
    if (node.endIndex > at && (!best || node.endIndex - node.startIndex <= best.endIndex - best.startIndex)) best = node;
  }
  return best;
}

/**
 * `local_broker: { host: 127.0.0.1, port: 1883 }`: a sibling key of the same mapping names a
 * loopback host. Items of a sequence share their path, so siblings must also share the mapping node.
 */
function hasLoopbackSiblingKey(ctx: RuleContext, entry: ConfigEntry, entries: readonly ConfigEntry[]): boolean {
  const parent = entry.path.slice(0, -1);
  const candidates = entries.filter(
    (other) => other !== entry && HOST_KEYS.has(other.key.toLowerCase()) && samePath(other.path.slice(0, -1), parent) && isLoopbackHost(other.value.trim()),
  );
  if (candidates.length === 0) return false;
  const mapping = mappingOf(ctx, entry.keySpan.start);
  const sameMapping = (other: ConfigEntry) => mappingOf(ctx, other.keySpan.start)?.startIndex === mapping?.startIndex;
  return candidates.some(sameMapping);
}

function checkKeyedValue(ctx: RuleContext, entry: ConfigEntry, entries: readonly ConfigEntry[]): void {
  const value = entry.value.trim();
  const context = entry.path.slice(0, -1);
  if (value === CLEAR_PORT && isMqttPortName(entry.key, context)) {
    if (hasLoopbackSiblingKey(ctx, entry, entries)) return;
    reportSetting(ctx, entry.key, entrySpan(entry), ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end), entry.contentSpan);
    return;
  }
  const hostPort = HOST_PORT.exec(value);
  if (hostPort && !isLoopbackHost(hostPort[1]!) && [...context, entry.key].flatMap(nameWords).some(isMqttWord)) {
    ctx.report({ span: entrySpan(entry), message: `${entry.key} points at a broker on the cleartext MQTT port ${CLEAR_PORT}; ${EXPOSURE}` });
  }
}

function checkKconfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    if (entry.value.trim() !== CLEAR_PORT || !isMqttPortName(kconfigSymbolOf(entry.key)?.symbol ?? entry.key)) continue;
    reportSetting(ctx, entry.key, entrySpan(entry), ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end), entry.contentSpan);
  }
}

/** Keys that make a `key value` file a mosquitto broker config. */
const MOSQUITTO_KEYS = new Set(["listener", "allow_anonymous", "persistence", "persistence_location", "password_file", "acl_file", "connection", "bind_address", "per_listener_settings"]);
const LISTENER_TLS_KEYS = new Set(["certfile", "keyfile", "psk_hint"]);
const BRIDGE_TLS_KEYS = new Set(["bridge_cafile", "bridge_capath", "bridge_psk"]);

/** Entries from `from` up to (not including) the next entry whose key is in `stop`. */
function block(entries: readonly ConfigEntry[], from: number, stop: ReadonlySet<string>): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  for (let i = from + 1; i < entries.length && !stop.has(entries[i]!.key); i++) out.push(entries[i]!);
  return out;
}

function checkMosquitto(ctx: RuleContext, entries: readonly ConfigEntry[]): void {
  const firstListener = entries.findIndex((e) => e.key === "listener");
  const defaultBlock = firstListener < 0 ? entries : entries.slice(0, firstListener);
  entries.forEach((entry, index) => {
    const [port, address] = entry.value.trim().split(/[ \t]+/);
    if (entry.key === "listener" && port === CLEAR_PORT) {
      if (address && isLoopbackHost(address)) return;
      if (block(entries, index, new Set(["listener"])).some((e) => LISTENER_TLS_KEYS.has(e.key))) return;
      const where = address ? (isUnspecifiedHost(address) ? "on every interface" : `on ${address}`) : "on every interface";
      ctx.report({ span: entrySpan(entry), message: `mosquitto listener on the cleartext MQTT port ${CLEAR_PORT} ${where}; ${EXPOSURE}` });
    } else if (entry.key === "port" && port === CLEAR_PORT && !address) {
      const bind = defaultBlock.find((e) => e.key === "bind_address");
      if (bind && isLoopbackHost(bind.value.trim())) return;
      if (defaultBlock.some((e) => LISTENER_TLS_KEYS.has(e.key))) return;
      ctx.report({ span: entrySpan(entry), message: `mosquitto default listener on the cleartext MQTT port ${CLEAR_PORT}; ${EXPOSURE}` });
    } else if (entry.key === "address" || entry.key === "addresses") {
      const remote = entry.value.trim().split(/[ \t]+/).find((a) => {
        const match = HOST_PORT.exec(a);
        return match !== null && !isLoopbackHost(match[1]!);
      });
      if (!remote) return;
      const connection = entries.slice(0, index).reverse().findIndex((e) => e.key === "connection");
      const connectionIndex = connection < 0 ? -1 : index - 1 - connection;
      if (block(entries, connectionIndex, new Set(["connection"])).some((e) => BRIDGE_TLS_KEYS.has(e.key))) return;
      ctx.report({ span: entrySpan(entry), message: `mosquitto bridge to ${remote} uses the cleartext MQTT port ${CLEAR_PORT}; ${EXPOSURE}` });
    }
  });
}

function isMosquittoFile(path: string, entries: readonly ConfigEntry[]): boolean {
  return baseName(path).toLowerCase().includes("mosquitto") || entries.some((e) => MOSQUITTO_KEYS.has(e.key));
}

function checkConfig(ctx: RuleContext): void {
  const entries = ctx.entries();
  const mosquitto = ctx.file.language === "keyvalue" && isMosquittoFile(ctx.file.path, entries);
  if (mosquitto) checkMosquitto(ctx, entries);
  for (const entry of entries) {
    if (entry.kind === "unset" || entry.kind === "null") continue;
    if (entry.value.includes("-D")) checkBuildFlags(ctx, entry);
    if (mosquitto && (entry.key === "listener" || entry.key === "port" || entry.key === "address" || entry.key === "addresses")) continue;
    checkKeyedValue(ctx, entry, entries);
  }
}

export default defineRule({
  id: "mqtt-plaintext-port",
  family: "transport",
  severity: "warning",
  title: "MQTT on the cleartext port 1883",
  message: "MQTT configured on the cleartext port 1883; credentials and data cross the network unencrypted",
  cwe: ["CWE-319"],
  standards: { owaspIot: ["I7", "I2"], iec62443: ["CR 4.1", "CR 3.1"], fda: ["Confidentiality"] },
  languages: ["c", "cpp", "kconfig", "kconfig-def", "json", "yaml", "toml", "ini", "keyvalue"],
  triggers: ["1883"],
  fixable: "unsafe",
  docs,
  check(ctx) {
    const language = ctx.file.language;
    if (language === "c" || language === "cpp") {
      if (ctx.root) checkC(ctx, ctx.root);
    } else if (language === "kconfig" || language === "kconfig-def") {
      checkKconfig(ctx);
    } else {
      checkConfig(ctx);
    }
    checkTcpUris(ctx);
  },
});
