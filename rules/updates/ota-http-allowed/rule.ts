import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue } from "../../../server/src/engine/config-entries.ts";
import { namedChildrenOf, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { FixInput, RelatedInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { namedCalls, calleeName, enclosingFunction } from "../../common/c-calls.ts";
import { identifiersNamed } from "../../common/c-identifiers.ts";
import { bindingOf, literalsInMacroBody, STRING_TYPES, stringValue, type CStringValue } from "../../common/c-syntax.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { kconfigSymbolOf } from "../../common/kconfig-symbols.ts";
import { isCleartextHttpUrl, isUpdateEndpointName } from "../../common/update-names.ts";
import docs from "./README.md?raw";

const ALLOW_HTTP = "ESP_HTTPS_OTA_ALLOW_HTTP";
/** The symbol and its pre-v4 name, still read through esp_https_ota's `sdkconfig.rename`. */
const ALLOW_HTTP_SYMBOLS = new Set([ALLOW_HTTP, "OTA_ALLOW_HTTP"]);
/** ESP-IDF calls that download and write an app image (esp_https_ota, and the native-OTA example's esp_ota_begin). */
const OTA_CALLS = new Set(["esp_https_ota", "esp_https_ota_begin", "esp_ota_begin"]);
/** Structs whose `.url` is where esp_https_ota / esp_http_client fetch from. */
const OTA_CONFIG_TYPES = new Set(["esp_http_client_config_t", "esp_https_ota_config_t"]);
/** Arduino-ESP32 `httpUpdate` and ESP8266 `ESPhttpUpdate` (HTTPUpdate / ESP8266httpUpdate libraries). */
const ARDUINO_UPDATERS = new Set(["httpUpdate", "ESPhttpUpdate"]);
const ARDUINO_UPDATE_METHODS = new Set(["update", "updateSpiffs", "updateFS"]);

const MESSAGE_SWITCH = "CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP lets esp_https_ota download firmware over plain HTTP; anyone on the path can replace the image";
const MESSAGE_URL = "Firmware is fetched from a plain http:// URL; anyone on the path can read or replace the update image";

function httpsFix(ctx: RuleContext, contentStart: number): FixInput[] {
  if (ctx.file.text.slice(contentStart, contentStart + 7).toLowerCase() !== "http://") return [];
  return [{ title: "Use https:// (the server must offer TLS)", safety: "unsafe", edits: [{ start: contentStart, end: contentStart + 4, newText: "https" }] }];
}

function reportUrl(ctx: RuleContext, value: CStringValue, related?: { span: Span; message: string }): void {
  if (!isCleartextHttpUrl(value.value)) return;
  const first = value.parts[0];
  ctx.report({
    span: value.span,
    message: MESSAGE_URL,
    ...(related ? { related: [related] } : {}),
    fixes: first ? httpsFix(ctx, first.content.start) : [],
  });
}

interface OtaFunction {
  readonly fn: SyntaxNode;
  readonly call: SyntaxNode;
}

/** Function definitions that start an OTA download, by start offset (nodes are not identity-stable). */
function otaFunctions(ctx: RuleContext): Map<number, OtaFunction> {
  const out = new Map<number, OtaFunction>();
  for (const { call: node, name } of namedCalls(ctx)) {
    if (!name || !OTA_CALLS.has(name)) continue;
    const fn = enclosingFunction(ctx, node);
    if (fn && !out.has(fn.startIndex)) out.set(fn.startIndex, { fn, call: node });
  }
  return out;
}

const same = (a: SyntaxNode | null | undefined, b: SyntaxNode): boolean => !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex;

/** The struct type a `{ … }` initialiser list belongs to, and the variable it initialises. */
function initialisedType(list: SyntaxNode): { type: string; variable?: string } | undefined {
  const parent = list.parent;
  if (!parent) return undefined;
  if (parent.type === "init_declarator") {
    const declaration = parent.parent;
    const type = declaration?.childForFieldName("type")?.text;
    const variable = parent.childForFieldName("declarator");
    return type ? { type, ...(variable?.type === "identifier" ? { variable: variable.text } : {}) } : undefined;
  }
  if (parent.type === "compound_literal_expression") {
    const type = parent.childForFieldName("type")?.text;
    return type ? { type } : undefined;
  }
  // A nested list (`{ .inner = { … } }`, an array of structs): the outer declaration decides.
  if (parent.type === "initializer_pair") return parent.parent ? initialisedType(parent.parent) : undefined;
  if (parent.type === "initializer_list") return initialisedType(parent);
  return undefined;
}

const inside = (node: SyntaxNode, outer: SyntaxNode) => node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;

/** The declared type of a local `identifier` in function `fn` (`esp_http_client_config_t cfg = { … };`). */
function declaredType(ctx: RuleContext, fn: SyntaxNode, identifier: string): string | undefined {
  for (const use of identifiersNamed(ctx, identifier)) {
    if (!inside(use, fn)) continue;
    const holder = use.parent?.type === "init_declarator" ? use.parent.parent : use.parent;
    if (holder?.type === "declaration") return holder.childForFieldName("type")?.text;
  }
  return undefined;
}

/** `#define NAME "…"` in this file, from the shared node index. */
function localStringMacros(ctx: RuleContext): { name: string; value: CStringValue }[] {
  const out: { name: string; value: CStringValue }[] = [];
  for (const node of ctx.nodes(["preproc_def"])) {
    const name = node.childForFieldName("name");
    const body = node.childForFieldName("value");
    const value = name && body ? literalsInMacroBody(body.text, body.startIndex) : undefined;
    if (name && value) out.push({ name: name.text, value });
  }
  return out;
}

function urlField(pair: SyntaxNode): boolean {
  return namedChildrenOf(pair).filter((c) => c.type === "field_designator").at(-1)?.text === ".url";
}

function checkC(ctx: RuleContext): void {
  const ota = otaFunctions(ctx);
  const otaCallSpan = ({ call }: OtaFunction) => ({
    span: { start: call.startIndex, end: call.endIndex },
    message: `the image is downloaded here (${calleeName(call)})`,
  });
  for (const node of ctx.nodes([...STRING_TYPES])) {
    // The value first: `.parent` re-descends from the root, so only http:// literals pay for it.
    const value = stringValue(node);
    if (!value || !isCleartextHttpUrl(value.value)) continue;
    const parent = node.parent;
    if (parent?.type === "concatenated_string") continue;
    // `.url = "http://…"` in an esp_http_client / esp_https_ota config that an OTA function uses.
    if (parent?.type === "initializer_pair" && same(parent.childForFieldName("value"), node) && urlField(parent) && parent.parent) {
      const owner = initialisedType(parent.parent);
      if (owner && OTA_CONFIG_TYPES.has(owner.type)) {
        const fn = enclosingFunction(ctx, node);
        const inOta = fn ? ota.get(fn.startIndex) : undefined;
        const uses = !fn && owner.variable ? identifiersNamed(ctx, owner.variable) : [];
        const user = inOta ?? [...ota.values()].find((f) => uses.some((u) => inside(u, f.fn)));
        if (user) {
          reportUrl(ctx, value, otaCallSpan(user));
          continue;
        }
      }
    }
    // `config.url = "http://…";` inside the OTA function.
    if (parent?.type === "assignment_expression" && same(parent.childForFieldName("right"), node)) {
      const left = parent.childForFieldName("left");
      const fn = enclosingFunction(ctx, node);
      const inOta = fn ? ota.get(fn.startIndex) : undefined;
      const object = left?.type === "field_expression" ? left.childForFieldName("argument") : undefined;
      if (left?.childForFieldName("field")?.text === "url" && object?.type === "identifier" && inOta) {
        const type = declaredType(ctx, inOta.fn, object.text);
        if (type && OTA_CONFIG_TYPES.has(type)) {
          reportUrl(ctx, value, otaCallSpan(inOta));
          continue;
        }
      }
    }
    // Arduino: `httpUpdate.update(client, "http://…")`.
    if (parent?.type === "argument_list" && parent.parent?.type === "call_expression") {
      const callee = parent.parent.childForFieldName("function");
      if (callee?.type === "field_expression") {
        const object = callee.childForFieldName("argument")?.text;
        const method = callee.childForFieldName("field")?.text;
        if (object && method && ARDUINO_UPDATERS.has(object) && ARDUINO_UPDATE_METHODS.has(method)) {
          reportUrl(ctx, value);
          continue;
        }
      }
    }
    // `ota_url = "http://…"`, `.firmware_url = …`, `strcpy(cfg.fw_update_uri, "http://…")`.
    const binding = bindingOf(node);
    if (binding && isUpdateEndpointName(binding.name)) reportUrl(ctx, value);
  }
  const macros = localStringMacros(ctx);
  for (const macro of macros) {
    if (isUpdateEndpointName(macro.name)) reportUrl(ctx, macro.value);
  }
  if (ota.size > 0) checkMacroUrls(ctx, ota, macros, otaCallSpan);
}

/**
 * `.url = FIRMWARE_SERVER` in an OTA function, where the macro (here or in a header of the scanned
 * set) is an http:// URL. Macros named for an update URL are reported where they are defined.
 */
function checkMacroUrls(
  ctx: RuleContext,
  ota: ReadonlyMap<number, OtaFunction>,
  macros: readonly { name: string; value: CStringValue }[],
  otaCallSpan: (f: OtaFunction) => RelatedInput,
): void {
  const local = new Map(macros.filter((m) => !m.value.hasMacro).map((m) => [m.name, m]));
  for (const pair of ctx.nodes(["initializer_pair"])) {
    const value = pair.childForFieldName("value");
    if (value?.type !== "identifier" || isUpdateEndpointName(value.text) || !urlField(pair) || !pair.parent) continue;
    const fn = enclosingFunction(ctx, pair);
    const inOta = fn ? ota.get(fn.startIndex) : undefined;
    const owner = initialisedType(pair.parent);
    if (!inOta || !owner || !OTA_CONFIG_TYPES.has(owner.type)) continue;
    const related: RelatedInput[] = [];
    const mine = local.get(value.text);
    if (mine && isCleartextHttpUrl(mine.value.value)) {
      related.push({ span: mine.value.span, message: `${value.text} is defined as an http:// URL here` });
    } else if (!mine) {
      for (const fact of ctx.project.stringMacro(value.text)) {
        if (fact.path === ctx.file.path || !isCleartextHttpUrl(fact.value)) continue;
        related.push({ span: fact.content, path: fact.path, range: fact.literal, message: `${value.text} is defined as an http:// URL here` });
      }
    }
    if (related.length === 0) continue;
    ctx.report({ span: { start: value.startIndex, end: value.endIndex }, message: `${MESSAGE_URL} (${value.text})`, related: [...related, otaCallSpan(inOta)] });
  }
}

function checkConfig(ctx: RuleContext): void {
  const language = ctx.file.language;
  for (const entry of ctx.entries()) {
    const ref = language === "kconfig" ? kconfigSymbolOf(entry.key) : undefined;
    if (ref?.namespace === "app" && ALLOW_HTTP_SYMBOLS.has(ref.symbol) && switchValue(entry) === true) {
      const fix: FixInput = { title: `Turn ${entry.key} off`, safety: "safe", edits: [kconfigOffEdit(ctx.file.path, entry)] };
      ctx.report({ span: entrySpan(entry), message: MESSAGE_SWITCH.replace("CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP", entry.key), fixes: [fix] });
      continue;
    }
    if (language === "kconfig-def" && ALLOW_HTTP_SYMBOLS.has(entry.key) && switchValue(entry) === true) {
      ctx.report({
        span: entry.valueSpan,
        message: `${entry.key} defaults to y here; esp_https_ota will download firmware over plain HTTP`,
        fixes: [{ title: "Default to n", safety: "safe", edits: [{ start: entry.valueSpan.start, end: entry.valueSpan.end, newText: "n" }] }],
      });
      continue;
    }
    // `update_server: "http://…"`, and `url = http://…` under `[update]` (INI values are unquoted).
    if ((entry.kind === "string" || entry.kind === "other") && isUpdateEndpointName(entry.key, entry.path.slice(0, -1)) && isCleartextHttpUrl(entry.value)) {
      ctx.report({ span: entry.valueSpan, message: MESSAGE_URL, fixes: httpsFix(ctx, entry.contentSpan.start) });
    }
  }
}

export default defineRule({
  id: "ota-http-allowed",
  family: "updates",
  severity: "error",
  title: "Firmware update over plain HTTP",
  message: MESSAGE_URL,
  cwe: ["CWE-494", "CWE-319"],
  standards: { owaspIot: ["I4", "I7"], iec62443: ["CR 3.1", "CR 3.4", "EDR 3.10"], fda: ["Updates", "Integrity"] },
  languages: ["c", "cpp", "kconfig", "kconfig-def", "json", "yaml", "toml", "ini", "keyvalue"],
  fixable: "safe",
  // `http://` for URLs; the Kconfig switch; OTA calls whose URL may come from a macro in a header.
  triggers: ["http://", "allow_http", "esp_https_ota", "esp_ota_begin"],
  docs,
  check(ctx) {
    if (ctx.file.language === "c" || ctx.file.language === "cpp") {
      checkC(ctx);
    } else {
      checkConfig(ctx);
    }
  },
});
