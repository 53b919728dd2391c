import { defineRule } from "../../../server/src/engine/rule.ts";
import { namedChildrenOf, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RelatedInput, RuleContext, Span } from "../../../server/src/engine/types.ts";
import { namedCalls, callArguments, calleeName, enclosingFunction, memberPath, unwrapExpression } from "../../common/c-calls.ts";
import { cIntegerValue, cSwitchValue } from "../../common/c-settings.ts";
import { stringMacros, stringValue, STRING_TYPES, type CStringValue } from "../../common/c-syntax.ts";
import { findUrls, isLoopbackHost, isReservedExampleHost, isUnspecifiedHost } from "../../common/urls.ts";
import docs from "./README.md?raw";

const span = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });

type Kind = "http" | "mqtt" | "esp-tls";

/**
 * ESP-IDF config structs: components/esp_http_client/include/esp_http_client.h, esp-mqtt
 * include/mqtt_client.h (IDF ≥ 5 nests `broker.address` / `broker.verification`; IDF 4 is flat),
 * components/esp-tls/esp_tls.h.
 */
const TYPES: readonly (readonly [Kind, RegExp])[] = [
  ["http", /\besp_http_client_config_t\b/],
  ["mqtt", /\besp_mqtt_client_config_t\b/],
  ["esp-tls", /\besp_tls_cfg_t\b/],
];

/** Where the URL sits, per kind. */
const URL_PATHS: Readonly<Record<Kind, readonly string[]>> = {
  http: ["url"],
  mqtt: ["uri", "broker.address.uri"],
  "esp-tls": [],
};

/** Fields that give the client a trust anchor (or PSK authentication of the server). */
const TRUST_PATHS: Readonly<Record<Kind, readonly string[]>> = {
  http: ["cert_pem", "cert_der", "crt_bundle_attach", "use_global_ca_store"],
  mqtt: [
    "broker.verification.certificate", "broker.verification.crt_bundle_attach", "broker.verification.use_global_ca_store", "broker.verification.psk_hint_key",
    "cert_pem", "crt_bundle_attach", "use_global_ca_store", "psk_hint_key",
  ],
  "esp-tls": ["cacert_buf", "cacert_pem_buf", "crt_bundle_attach", "use_global_ca_store", "psk_hint_key"],
};

/** What the message names as the missing setting. */
const TRUST_NAMES: Readonly<Record<Kind, string>> = {
  http: "cert_pem, crt_bundle_attach or use_global_ca_store",
  mqtt: "broker.verification.certificate, crt_bundle_attach or use_global_ca_store",
  "esp-tls": "cacert_buf, crt_bundle_attach or use_global_ca_store",
};

/** Calls that only read or clear a config passed by address; anything else may fill it in. */
const CONSUMERS = new Set([
  "esp_http_client_init", "esp_mqtt_client_init", "esp_mqtt_set_config", "memset", "bzero",
  "esp_tls_conn_new", "esp_tls_conn_new_sync", "esp_tls_conn_new_async", "esp_tls_conn_http_new", "esp_tls_conn_http_new_sync", "esp_tls_conn_http_new_async",
]);
/** esp_tls.h connect calls: the host or URL comes first, the config is a later argument. */
const ESP_TLS_CONNECTS = new Set(["esp_tls_conn_new", "esp_tls_conn_new_sync", "esp_tls_conn_new_async", "esp_tls_conn_http_new", "esp_tls_conn_http_new_sync", "esp_tls_conn_http_new_async"]);

const TLS_SCHEME = /(?<![A-Za-z0-9+._-])(https|mqtts|wss):\/\//gi;
const NULLISH = new Set(["NULL", "nullptr", "false", "FALSE"]);

interface Write {
  readonly path: string;
  readonly value: SyntaxNode;
}

interface Scoped<T> {
  readonly at: number;
  readonly item: T;
}

interface ConfigObject {
  readonly kind: Kind;
  readonly anchor: SyntaxNode;
  readonly name: string | undefined;
  readonly list: SyntaxNode | undefined;
}

function kindOf(typeText: string): Kind | undefined {
  return TYPES.find(([, pattern]) => pattern.test(typeText))?.[0];
}

/** `.a.b = v` and `.a = { .b = v }` inside an initializer list, as dotted paths. */
function listWrites(list: SyntaxNode, prefix: string[], out: Write[], depth = 0): void {
  if (depth > 8) return;
  for (const child of namedChildrenOf(list)) {
    if (child.type !== "initializer_pair") continue;
    const names = namedChildrenOf(child)
      .filter((c) => c.type === "field_designator")
      .map((d) => namedChildrenOf(d).find((c) => c.type === "field_identifier")?.text)
      .filter((n): n is string => n !== undefined);
    const value = child.childForFieldName("value") ?? namedChildrenOf(child).at(-1);
    if (names.length === 0 || !value || value.type === "field_designator") continue;
    const path = [...prefix, ...names];
    if (value.type === "initializer_list") listWrites(value, path, out, depth + 1);
    else out.push({ path: path.join("."), value });
  }
}

function isNullish(value: SyntaxNode): boolean {
  const inner = unwrapExpression(value);
  if (inner.type === "null" || NULLISH.has(inner.text)) return true;
  return cIntegerValue(inner.text) === 0 || cSwitchValue(inner.text) === false;
}

/** Config objects of the file: declared variables (with or without initialiser) and compound literals. */
function configObjects(ctx: RuleContext): ConfigObject[] {
  const out: ConfigObject[] = [];
  const candidates = ctx.nodes(["declaration", "compound_literal_expression"]);
  for (const declaration of candidates) {
    if (declaration.type !== "declaration") continue;
    const type = declaration.childForFieldName("type");
    const kind = type ? kindOf(type.text) : undefined;
    if (!kind) continue;
    for (const declarator of namedChildrenOf(declaration)) {
      if (declarator.type === "identifier") {
        out.push({ kind, anchor: declarator, name: declarator.text, list: undefined });
      } else if (declarator.type === "init_declarator") {
        const target = declarator.childForFieldName("declarator");
        if (target?.type !== "identifier") continue; // pointers and arrays: filled elsewhere
        const value = declarator.childForFieldName("value") ?? namedChildrenOf(declarator).find((c) => c.type === "initializer_list");
        // A copy (`= base_cfg`) or a call result: its content is not visible here.
        if (value && value.type !== "initializer_list") continue;
        out.push({ kind, anchor: target, name: target.text, list: value ?? undefined });
      }
    }
  }
  for (const literal of candidates) {
    if (literal.type !== "compound_literal_expression") continue;
    const type = literal.childForFieldName("type");
    const kind = type ? kindOf(type.text) : undefined;
    const list = literal.childForFieldName("value") ?? namedChildrenOf(literal).find((c) => c.type === "initializer_list");
    if (kind && list) out.push({ kind, anchor: literal, name: undefined, list });
  }
  return out;
}

interface FileFacts {
  /** Field assignments by the variable they start from: `cfg.broker.address.uri = …` → cfg. */
  readonly assignments: Map<string, Scoped<Write>[]>;
  /** Last fields written through a pointer anywhere (`cfg->cert_pem = …`). */
  readonly pointerFields: Set<string>;
  /** Variables passed by address to a call that may fill them in, with where. */
  readonly filledElsewhere: Map<string, number[]>;
  /** Connect calls taking an esp_tls_cfg_t, by the config expression's text (`&cfg`, `cfg`). */
  readonly espTlsConnects: SyntaxNode[];
}

function fileFacts(ctx: RuleContext): FileFacts {
  const assignments = new Map<string, Scoped<Write>[]>();
  const pointerFields = new Set<string>();
  for (const assignment of ctx.nodes(["assignment_expression"])) {
    if (assignment.childForFieldName("operator")?.text !== "=") continue;
    const left = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    if (left?.type !== "field_expression" || !right) continue;
    if (left.text.includes("->")) {
      const field = left.childForFieldName("field")?.text;
      if (field && !isNullish(right)) pointerFields.add(field);
      continue;
    }
    const [root, ...path] = memberPath(left);
    if (!root || path.length === 0) continue;
    const list = assignments.get(root) ?? [];
    list.push({ at: assignment.startIndex, item: { path: path.join("."), value: right } });
    assignments.set(root, list);
  }
  const filledElsewhere = new Map<string, number[]>();
  const espTlsConnects: SyntaxNode[] = [];
  let readOnly: ((name: string) => ReadonlySet<number> | undefined) | undefined;
  const text = ctx.file.text;
  for (const { call, name: calleeOrUndefined } of namedCalls(ctx)) {
    const name = calleeOrUndefined ?? "";
    if (ESP_TLS_CONNECTS.has(name)) espTlsConnects.push(call);
    if (CONSUMERS.has(name)) continue;
    // Only `&x` / `*x` arguments count: a call without either character has none (cheaper than its arguments).
    const source = text.slice(call.startIndex, call.endIndex);
    if (!source.includes("&") && !source.includes("*")) continue;
    for (const [index, argument] of callArguments(call).entries()) {
      const inner = unwrapExpression(argument);
      const target = inner.type === "pointer_expression" ? inner.childForFieldName("argument") : undefined;
      if (target?.type !== "identifier") continue;
      if ((readOnly ??= readOnlyParameters(ctx))(name)?.has(index)) continue;
      const list = filledElsewhere.get(target.text) ?? [];
      list.push(call.startIndex);
      filledElsewhere.set(target.text, list);
    }
  }
  return { assignments, pointerFields, filledElsewhere, espTlsConnects };
}

/**
 * Functions of this file by name, and which of their parameters point to `const` (a call passing
 * `&cfg` there cannot fill the config in): `static void start(const esp_mqtt_client_config_t *cfg)`.
 * Parameters are read only for the names asked about.
 */
function readOnlyParameters(ctx: RuleContext): (name: string) => ReadonlySet<number> | undefined {
  const declarators = new Map<string, SyntaxNode[]>();
  for (const declarator of ctx.nodes(["function_declarator"])) {
    const name = declarator.childForFieldName("declarator")?.text;
    if (!name) continue;
    const list = declarators.get(name) ?? [];
    list.push(declarator);
    declarators.set(name, list);
  }
  const answers = new Map<string, ReadonlySet<number> | undefined>();
  return (name) => {
    if (answers.has(name)) return answers.get(name);
    let indexes: Set<number> | undefined;
    for (const declarator of declarators.get(name) ?? []) {
      const parameters = declarator.childForFieldName("parameters");
      if (!parameters) continue;
      indexes ??= new Set<number>();
      namedChildrenOf(parameters)
        .filter((p) => p.type === "parameter_declaration")
        .forEach((parameter, index) => {
          if (namedChildrenOf(parameter).some((c) => c.type === "type_qualifier" && c.text === "const")) indexes!.add(index);
        });
    }
    answers.set(name, indexes);
    return indexes;
  };
}

interface UrlValue {
  readonly value: CStringValue;
  readonly host: string;
  readonly scheme: string;
  readonly define?: SyntaxNode;
}

/** A remote https/mqtts/wss URL written as a literal or as a string macro of this file. */
function remoteTlsUrl(node: SyntaxNode, macros: ReadonlyMap<string, { value: CStringValue; define: SyntaxNode }>): UrlValue | undefined {
  const inner = unwrapExpression(node);
  let value: CStringValue | undefined;
  let define: SyntaxNode | undefined;
  if (STRING_TYPES.has(inner.type)) {
    value = stringValue(inner);
  } else if (inner.type === "identifier") {
    const macro = macros.get(inner.text);
    value = macro?.value;
    define = macro?.define;
  }
  if (!value) return undefined;
  const url = findUrls(value.value, TLS_SCHEME)[0];
  if (!url || url.start !== 0) return undefined;
  if (!url.hostFromMacro && (url.host === "" || isLoopbackHost(url.host) || isUnspecifiedHost(url.host) || isReservedExampleHost(url.host))) return undefined;
  return { value, host: url.hostFromMacro ? "" : url.host, scheme: url.scheme.toLowerCase(), ...(define ? { define } : {}) };
}

/** The host or URL argument of an esp-tls connect call, when it is a literal on this machine or a reserved example name. */
function localEspTlsTarget(call: SyntaxNode): boolean {
  const first = callArguments(call)[0];
  const value = first && STRING_TYPES.has(unwrapExpression(first).type) ? stringValue(unwrapExpression(first)) : undefined;
  if (!value || value.hasMacro) return false;
  const host = findUrls(value.value, /(?<![A-Za-z0-9+._-])([a-z][a-z0-9+.-]*):\/\//gi)[0]?.host ?? value.value;
  return isLoopbackHost(host) || isReservedExampleHost(host);
}

function hasTrust(kind: Kind, writes: readonly Write[], facts: FileFacts): boolean {
  const paths = TRUST_PATHS[kind];
  if (writes.some((w) => paths.includes(w.path) && !isNullish(w.value))) return true;
  // Written through a pointer by a helper (`cfg->cert_pem = ca;`): assume it is this config.
  return paths.some((p) => facts.pointerFields.has(p.slice(p.lastIndexOf(".") + 1)));
}

function check(ctx: RuleContext): void {
  const text = ctx.file.text;
  // The engine runs this rule only where a TLS URL or esp_tls_cfg_t occurs (its triggers); without
  // one of the config types there is nothing to check.
  if (!TYPES.some(([, pattern]) => pattern.test(text))) return;
  const objects = configObjects(ctx);
  if (objects.length === 0) return;
  const facts = fileFacts(ctx);
  const macros = new Map(stringMacros(ctx.nodes(["preproc_def"])).map((m) => [m.name, { value: m.value, define: m.define }]));
  for (const object of objects) {
    // A local config is only touched in its own function; a file-scope one anywhere.
    const fn = enclosingFunction(ctx, object.anchor);
    const inScope = (at: number) => !fn || (at >= fn.startIndex && at < fn.endIndex);
    if (object.name && (facts.filledElsewhere.get(object.name) ?? []).some(inScope)) continue;
    const writes: Write[] = [];
    if (object.list) listWrites(object.list, [], writes);
    if (object.name) writes.push(...(facts.assignments.get(object.name) ?? []).filter((w) => inScope(w.at)).map((w) => w.item));
    if (hasTrust(object.kind, writes, facts)) continue;
    if (object.kind === "esp-tls") {
      if (writes.some((w) => w.path === "is_plain_tcp" && cSwitchValue(w.value.text) === true)) continue;
      const connect = facts.espTlsConnects.find((call) =>
        inScope(call.startIndex) &&
        callArguments(call).some((a) => {
          const inner = unwrapExpression(a);
          const target = inner.type === "pointer_expression" ? unwrapExpression(inner.childForFieldName("argument") ?? inner) : inner;
          return object.name ? target.type === "identifier" && target.text === object.name : target.startIndex === object.anchor.startIndex;
        }),
      );
      if (!connect || localEspTlsTarget(connect)) continue;
      ctx.report({
        span: span(object.anchor),
        message: `esp_tls_cfg_t ${object.name ?? "(compound literal)"} has no CA (${TRUST_NAMES["esp-tls"]}): the server's certificate cannot be verified`,
        related: [{ span: span(connect), message: `${calleeName(connect)}() connects with this configuration` }],
      });
      continue;
    }
    const urlPaths = URL_PATHS[object.kind];
    for (const write of writes) {
      if (!urlPaths.includes(write.path)) continue;
      const url = remoteTlsUrl(write.value, macros);
      if (!url || (object.kind === "http") !== (url.scheme === "https")) continue;
      const related: RelatedInput[] = url.define ? [{ span: span(url.define), message: "the URL is defined here" }] : [];
      const type = object.kind === "http" ? "esp_http_client_config_t" : "esp_mqtt_client_config_t";
      const target = url.host ? `${url.scheme}://${url.host}` : `a ${url.scheme}:// URL`;
      ctx.report({
        span: span(write.value),
        message: `${type} connects to ${target} with no CA (${TRUST_NAMES[object.kind]}): the server is not authenticated`,
        related,
      });
      break;
    }
  }
}

export default defineRule({
  id: "tls-ca-missing",
  family: "transport",
  severity: "error",
  title: "ESP-IDF TLS client configured without a CA",
  message: "TLS client configuration names a remote server but no CA certificate, bundle or CA store to verify it with",
  cwe: ["CWE-295"],
  standards: { owaspIot: ["I7"], iec62443: ["CR 1.8", "CR 3.1"], fda: ["Authentication", "Integrity", "Confidentiality"] },
  languages: ["c", "cpp"],
  triggers: ["https://", "mqtts://", "wss://", "esp_tls_cfg_t"],
  docs,
  check(ctx) {
    if (ctx.root) check(ctx);
  },
});
