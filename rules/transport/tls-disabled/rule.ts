import { defineRule } from "../../../server/src/engine/rule.ts";
import type { FixInput, RuleContext } from "../../../server/src/engine/types.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import { entrySpan, flippedSwitch } from "../../common/config-values.ts";
import { kconfigOnEdit } from "../../common/kconfig-values.ts";
import { kconfigSymbolOf } from "../../common/kconfig-symbols.ts";
import { nameWords } from "../../common/names.ts";
import { NEGATION_WORDS } from "../../common/switch-names.ts";
import docs from "./README.md?raw";
import { lookupTable } from "../../common/lookup-table.ts";

const CLEARTEXT = "data and credentials travel in cleartext";

/** ESP-IDF symbols (esp-mqtt `Kconfig`, `components/esp_http_client/Kconfig`) whose `n` removes TLS support. */
const ESP_IDF_TLS_SYMBOLS: Readonly<Record<string, string>> = lookupTable({
  MQTT_TRANSPORT_SSL: "the MQTT client is built without its TLS transport (mqtts:// and wss:// stop working)",
  ESP_HTTP_CLIENT_ENABLE_HTTPS: "the HTTP client is built without HTTPS support",
});

const TLS_WORDS = new Set(["tls", "ssl"]);
const ENABLE_WORDS = new Set(["use", "enable", "enabled"]);
/** Words that may name what the switch is for: `mqtt_use_tls`, `cloud_ssl_enabled`. Others (`verify_ssl`, `client_tls`) mean something else. */
const CONTEXT_WORDS = new Set([
  "mqtt", "broker", "server", "cloud", "http", "api", "ws", "websocket", "coap", "transport", "connection", "conn", "net",
  "network", "remote", "upstream", "uplink", "bridge", "backend", "gateway", "endpoint", "link", "amqp", "smtp", "mail",
  "db", "database", "redis", "influx", "influxdb", "telemetry", "ota", "socket", "stream", "service", "listener",
]);
/** Parent paths under which a bare `secure` key means "use TLS". */
const SECURE_PARENTS = new Set(["mqtt", "broker", "server", "cloud"]);

/** How a key's value switches TLS: `false` turns it off (`use_tls`), or `true` does (`disable_tls`). */
function tlsSwitch(entry: ConfigEntry): "false-disables" | "true-disables" | undefined {
  const words = nameWords(entry.key);
  const parent = entry.path.slice(0, -1).flatMap(nameWords);
  const parentLast = nameWords(entry.path[entry.path.length - 2] ?? "");
  if (words.length === 1 && words[0] === "secure" && parent.some((w) => SECURE_PARENTS.has(w))) return "false-disables";
  if (words.length === 1 && (words[0] === "enabled" || words[0] === "enable") && parentLast.length === 1 && TLS_WORDS.has(parentLast[0]!)) return "false-disables";
  const at = words.findIndex((w) => TLS_WORDS.has(w));
  if (at < 0) return undefined;
  const after = words.slice(at + 1);
  if (after.length > 1 || (after.length === 1 && after[0] !== "enable" && after[0] !== "enabled")) return undefined;
  let before = words.slice(0, at);
  let kind: "false-disables" | "true-disables" = "false-disables";
  const last = before[before.length - 1];
  if (last !== undefined && NEGATION_WORDS.has(last)) {
    if (after.length > 0) return undefined;
    kind = "true-disables";
    before = before.slice(0, -1);
  } else if (last !== undefined && ENABLE_WORDS.has(last)) {
    before = before.slice(0, -1);
  }
  return before.every((w) => CONTEXT_WORDS.has(w)) ? kind : undefined;
}

function switchFix(ctx: RuleContext, entry: ConfigEntry): FixInput[] {
  const raw = ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end);
  const flipped = flippedSwitch(raw);
  return flipped ? [{ title: `Set ${entry.key} to ${flipped}`, safety: "unsafe", edits: [{ ...entry.contentSpan, newText: flipped }] }] : [];
}

function checkKconfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    const effect = ESP_IDF_TLS_SYMBOLS[kconfigSymbolOf(entry.key)?.symbol ?? ""];
    if (!effect || switchValue(entry) !== false) continue;
    ctx.report({
      span: entrySpan(entry),
      message: `${entry.key} is off: ${effect}; ${CLEARTEXT}`,
      fixes: [{ title: `Turn ${entry.key} on`, safety: "unsafe", edits: [kconfigOnEdit(entry)] }],
    });
  }
}

function checkConfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    if (entry.kind === "unset") continue;
    const kind = tlsSwitch(entry);
    if (!kind) continue;
    const on = switchValue(entry);
    if ((kind === "false-disables" && on === false) || (kind === "true-disables" && on === true)) {
      ctx.report({ span: entrySpan(entry), message: `${entry.path.join(".")} set to ${entry.value} turns TLS off; ${CLEARTEXT}`, fixes: switchFix(ctx, entry) });
    }
  }
}

export default defineRule({
  id: "tls-disabled",
  family: "transport",
  severity: "warning",
  title: "TLS switched off in configuration",
  message: "TLS is switched off in configuration; data and credentials travel in cleartext",
  cwe: ["CWE-319", "CWE-311"],
  standards: { owaspIot: ["I7"], iec62443: ["CR 4.1", "CR 4.3", "CR 3.1"], fda: ["Confidentiality", "Integrity"] },
  languages: ["kconfig", "json", "yaml", "toml", "ini", "keyvalue"],
  triggers: ["tls", "ssl", "secure", "https"],
  fixable: "unsafe",
  docs,
  check(ctx) {
    if (ctx.file.language === "kconfig") checkKconfig(ctx);
    else checkConfig(ctx);
  },
});
