import { defineRule } from "../../../server/src/engine/rule.ts";
import type { FixInput, RuleContext } from "../../../server/src/engine/types.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import { entrySpan, flippedSwitch } from "../../common/config-values.ts";
import { isLoopbackHost, isUnspecifiedHost } from "../../common/urls.ts";
import docs from "./README.md?raw";

const RISK = "any client that reaches the broker can connect without credentials, read patient data and publish commands";

/** A mosquitto listener: the default one (`port`, `bind_address`) or a `listener <port> [address]` block. */
interface Listener {
  /** `listener 8883`, or `the default listener` for `port`/`bind_address`. */
  readonly label: string;
  /** Entries that configure it: its block for a `listener`, the global section for the default one. */
  readonly entries: readonly ConfigEntry[];
  readonly local: boolean;
  /** Clients must present a certificate (`require_certificate true`) or know a PSK (`psk_hint`): not anonymous in practice. */
  readonly clientAuthenticated: boolean;
  /** Whether the broker starts it (the default listener only exists when `port` or `bind_address` is set). */
  readonly started: boolean;
}

const LOOPBACK_INTERFACE = /^lo\d*$/;

function words(entry: ConfigEntry): string[] {
  return entry.value.trim().split(/[ \t]+/).filter((w) => w !== "");
}

/**
 * eclipse/mosquitto man/mosquitto.conf.5.xml: `listener port [bind address/host/unix socket path]`
 * (a Unix socket when port is 0), `bind_interface` per listener, and the deprecated global `port`
 * and `bind_address` for the default listener.
 */
function listenersOf(entries: readonly ConfigEntry[]): { global: ConfigEntry[]; blocks: { head: ConfigEntry; entries: ConfigEntry[] }[] } {
  const global: ConfigEntry[] = [];
  const blocks: { head: ConfigEntry; entries: ConfigEntry[] }[] = [];
  for (const entry of entries) {
    if (entry.key === "listener") blocks.push({ head: entry, entries: [] });
    else if (blocks.length > 0) blocks.at(-1)!.entries.push(entry);
    else global.push(entry);
  }
  return { global, blocks };
}

function isLocalAddress(address: string | undefined): boolean {
  return address !== undefined && !isUnspecifiedHost(address) && isLoopbackHost(address);
}

function boundToLoopbackInterface(entries: readonly ConfigEntry[]): boolean {
  const bind = entries.filter((e) => e.key === "bind_interface").at(-1);
  return bind !== undefined && LOOPBACK_INTERFACE.test(bind.value.trim());
}

function authenticatesClients(entries: readonly ConfigEntry[]): boolean {
  const certificate = entries.filter((e) => e.key === "require_certificate").at(-1);
  return (certificate !== undefined && switchValue(certificate) === true) || entries.some((e) => e.key === "psk_hint");
}

function mosquittoListeners(entries: readonly ConfigEntry[]): Listener[] {
  const { global, blocks } = listenersOf(entries);
  const out: Listener[] = [];
  const port = entries.filter((e) => e.key === "port").at(-1);
  const bindAddress = entries.filter((e) => e.key === "bind_address").at(-1);
  out.push({
    label: port ? `the default listener on port ${words(port)[0] ?? "1883"}` : "the default listener",
    entries: global,
    local: isLocalAddress(bindAddress ? words(bindAddress)[0] : undefined) || boundToLoopbackInterface(global),
    clientAuthenticated: authenticatesClients(global),
    started: port !== undefined || bindAddress !== undefined,
  });
  for (const block of blocks) {
    const [portWord, address] = words(block.head);
    const unixSocket = portWord === "0" && address !== undefined && address.includes("/");
    out.push({
      label: `listener ${block.head.value.trim()}`,
      entries: block.entries,
      local: unixSocket || isLocalAddress(address) || boundToLoopbackInterface(block.entries),
      clientAuthenticated: authenticatesClients(block.entries),
      started: true,
    });
  }
  return out;
}

function fix(ctx: RuleContext, entry: ConfigEntry): FixInput[] {
  const raw = ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end);
  const flipped = flippedSwitch(raw);
  return flipped ? [{ title: `Set ${entry.key} to ${flipped}`, safety: "unsafe", edits: [{ ...entry.contentSpan, newText: flipped }] }] : [];
}

function reportOn(ctx: RuleContext, entry: ConfigEntry, where?: string): void {
  ctx.report({ span: entrySpan(entry), message: `${entry.key} ${entry.value.trim()}${where ? ` ${where}` : ""}: ${RISK}`, fixes: fix(ctx, entry) });
}

function checkMosquitto(ctx: RuleContext, entries: readonly ConfigEntry[]): void {
  const anonymous = entries.filter((e) => e.key === "allow_anonymous");
  if (anonymous.length === 0) return;
  const listeners = mosquittoListeners(entries);
  const started = listeners.filter((l) => l.started);
  const perListener = entries.some((e) => e.key === "per_listener_settings" && switchValue(e) === true);
  if (started.length === 0) {
    // No listener in this file: a fragment included by another config, or mosquitto 1.x, which
    // then listens on port 1883 on every interface (2.x would listen on loopback only).
    const last = anonymous.at(-1)!;
    if (switchValue(last) === true) reportOn(ctx, last, "in a config that defines no listener of its own, so nothing here limits it to loopback");
    return;
  }
  if (!perListener) {
    // One global setting: the last occurrence wins and applies to every listener.
    const last = anonymous.at(-1)!;
    const exposed = started.find((l) => !l.local && !l.clientAuthenticated);
    if (switchValue(last) === true && exposed) reportOn(ctx, last, `applies to every listener, including ${exposed.label}`);
    return;
  }
  // per_listener_settings true: each occurrence configures the listener it sits in.
  for (const listener of listeners) {
    if (!listener.started || listener.local || listener.clientAuthenticated) continue;
    const last = listener.entries.filter((e) => e.key === "allow_anonymous").at(-1);
    if (last && switchValue(last) === true) reportOn(ctx, last, `on ${listener.label}`);
  }
}

/** Other brokers and wrappers that use the same key (VerneMQ `allow_anonymous = on`, EMQX 4 `allow_anonymous = true`). */
function checkOther(ctx: RuleContext, entries: readonly ConfigEntry[]): void {
  for (const entry of entries) {
    if (entry.key.toLowerCase() !== "allow_anonymous" || switchValue(entry) !== true) continue;
    reportOn(ctx, entry, entry.path.length > 1 ? `(${entry.path.join(".")})` : undefined);
  }
}

/** Keys only a mosquitto broker config has: its listener grammar applies. */
const MOSQUITTO_KEYS = new Set(["listener", "per_listener_settings", "password_file", "acl_file", "persistence_location", "bind_address", "psk_file"]);

function isMosquitto(ctx: RuleContext, entries: readonly ConfigEntry[]): boolean {
  if (ctx.file.language !== "keyvalue") return false;
  if (ctx.file.path.toLowerCase().includes("mosquitto")) return true;
  return entries.some((e) => MOSQUITTO_KEYS.has(e.key));
}

export default defineRule({
  id: "mqtt-anonymous-access",
  family: "transport",
  severity: "error",
  title: "MQTT broker accepts anonymous clients",
  message: "MQTT broker allows anonymous clients on a network listener; anyone who reaches it can read and publish without credentials",
  cwe: ["CWE-306"],
  standards: { owaspIot: ["I2", "I9"], iec62443: ["CR 1.1", "CR 1.2", "CR 2.1"], fda: ["Authentication", "Authorization"] },
  languages: ["keyvalue", "ini", "yaml", "toml", "json"],
  fixable: "unsafe",
  triggers: ["allow_anonymous"],
  docs,
  check(ctx) {
    const entries = ctx.entries();
    if (isMosquitto(ctx, entries)) checkMosquitto(ctx, entries);
    else checkOther(ctx, entries);
  },
});
