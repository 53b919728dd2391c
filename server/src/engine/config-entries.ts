// One view of every config format: a flat list of key/value entries with their spans. Rules that
// look at settings (`password: …`, `CONFIG_X=y`, `listener 1883`) are written once against this
// list instead of once per grammar.

import type { LanguageId } from "../../../grammars/registry.ts";
import { parseKconfigDefinitions } from "../../../grammars/kconfig-def.ts";
import { descendants, namedChildrenOf, type SyntaxNode } from "./syntax.ts";
import type { Span } from "./types.ts";

export type EntryKind = "string" | "number" | "boolean" | "unset" | "null" | "other";

export interface ConfigEntry {
  /** The key as written, e.g. `password`, `CONFIG_ESP_TLS_INSECURE`, `listener`. */
  readonly key: string;
  /** Enclosing sections or mappings, outermost first, ending with `key`. */
  readonly path: readonly string[];
  /** The scalar value: quotes removed and simple escapes decoded. */
  readonly value: string;
  readonly kind: EntryKind;
  readonly quoted: boolean;
  readonly keySpan: Span;
  /** The value token as written (with quotes); for `# CONFIG_X is not set`, the whole comment. */
  readonly valueSpan: Span;
  /** The value inside its quotes. */
  readonly contentSpan: Span;
  /** The whole entry, key to value. */
  readonly span: Span;
}

const TRUE_WORDS = new Set(["y", "yes", "true", "on", "1", "enable", "enabled"]);
const FALSE_WORDS = new Set(["n", "no", "false", "off", "0", "disable", "disabled"]);

/** `true`/`false` for switch-like values in any format (`y`, `true`, `on`, `1`, `# … is not set` …), else undefined. */
export function switchValue(entry: ConfigEntry): boolean | undefined {
  if (entry.kind === "unset") return false;
  if (entry.kind === "string" && entry.quoted) return undefined;
  const word = entry.value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

function classifyBare(value: string): EntryKind {
  if (/^[+-]?(?:\d+|0x[0-9a-f]+)$/i.test(value)) return "number";
  if (TRUE_WORDS.has(value.toLowerCase()) || FALSE_WORDS.has(value.toLowerCase())) return "boolean";
  return "other";
}

/** Decodes a double- or single-quoted token; backslash escapes are taken literally but for the escaped char. */
function unquote(raw: string): { value: string; quoted: boolean } {
  const first = raw[0];
  if (raw.length >= 2 && (first === '"' || first === "'") && raw[raw.length - 1] === first) {
    const inner = raw.slice(1, -1);
    if (first === "'") return { value: inner.replace(/''/g, "'"), quoted: true };
    return { value: inner.replace(/\\(.)/g, "$1"), quoted: true };
  }
  return { value: raw, quoted: false };
}

function quotedEntry(
  key: string,
  path: readonly string[],
  keyNode: Span,
  valueStart: number,
  raw: string,
  whole: Span,
): ConfigEntry {
  const { value, quoted } = unquote(raw);
  const valueSpan = { start: valueStart, end: valueStart + raw.length };
  return {
    key,
    path,
    value,
    kind: quoted ? "string" : classifyBare(value),
    quoted,
    keySpan: keyNode,
    valueSpan,
    contentSpan: quoted ? { start: valueSpan.start + 1, end: valueSpan.end - 1 } : valueSpan,
    span: whole,
  };
}

const NOT_SET = /^#[ \t]*([A-Za-z0-9_]+)[ \t]+is not set[ \t]*$/;

/** `CONFIG_X=y` lines, `key value` / `key=value` lines and `# CONFIG_X is not set` (data, not a comment). */
function propertiesEntries(root: SyntaxNode, text: string): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  for (const node of namedChildrenOf(root)) {
    if (node.type === "property") {
      const keyNode = namedChildrenOf(node).find((c) => c.type === "key");
      const valueNode = namedChildrenOf(node).find((c) => c.type === "value");
      if (!keyNode) continue;
      const key = keyNode.text;
      if (!valueNode) {
        out.push({
          key,
          path: [key],
          value: "",
          kind: "string",
          quoted: false,
          keySpan: span(keyNode),
          valueSpan: { start: node.endIndex, end: node.endIndex },
          contentSpan: { start: node.endIndex, end: node.endIndex },
          span: span(node),
        });
        continue;
      }
      const rawFull = text.slice(valueNode.startIndex, valueNode.endIndex);
      const raw = rawFull.trimEnd();
      out.push(quotedEntry(key, [key], span(keyNode), valueNode.startIndex, raw, span(node)));
    } else if (node.type === "comment") {
      const match = NOT_SET.exec(node.text.trimEnd());
      // `CONFIG_X`, or a prefixed namespace such as sysbuild's `SB_CONFIG_X`.
      if (!match || !(match[1]!.startsWith("CONFIG_") || match[1]!.includes("_CONFIG_"))) continue;
      const key = match[1]!;
      const keyStart = node.startIndex + node.text.indexOf(key);
      out.push({
        key,
        path: [key],
        value: "",
        kind: "unset",
        quoted: false,
        keySpan: { start: keyStart, end: keyStart + key.length },
        valueSpan: span(node),
        contentSpan: span(node),
        span: span(node),
      });
    }
  }
  return out;
}

function jsonEntries(root: SyntaxNode): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  // An explicit stack: JSON nests 10,000 deep in hostile files.
  const stack: { node: SyntaxNode; path: string[]; key?: string; keyNode?: SyntaxNode; whole?: Span }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path, key, keyNode, whole } = stack.pop()!;
    if (node.type === "document") {
      for (const child of namedChildrenOf(node).reverse()) stack.push({ node: child, path });
    } else if (node.type === "object") {
      for (const pair of namedChildrenOf(node).reverse()) {
        if (pair.type !== "pair") continue;
        const k = pair.childForFieldName("key");
        const v = pair.childForFieldName("value");
        if (!k || !v) continue;
        const name = unquote(k.text).value;
        stack.push({ node: v, path: [...path, name], key: name, keyNode: k, whole: span(pair) });
      }
    } else if (node.type === "array") {
      for (const item of namedChildrenOf(node).reverse()) {
        stack.push({ node: item, path, ...(key !== undefined ? { key } : {}), ...(keyNode ? { keyNode } : {}), whole: whole ?? span(item) });
      }
    } else if (key !== undefined && keyNode && node.type !== "comment") {
      const kind: EntryKind =
        node.type === "string" ? "string" : node.type === "number" ? "number" : node.type === "true" || node.type === "false" ? "boolean" : node.type === "null" ? "null" : "other";
      const raw = node.text;
      const valueSpan = span(node);
      out.push({
        key,
        path,
        value: kind === "string" ? decodeJsonString(raw) : raw,
        kind,
        quoted: kind === "string",
        keySpan: span(keyNode),
        valueSpan,
        contentSpan: kind === "string" ? { start: valueSpan.start + 1, end: valueSpan.end - 1 } : valueSpan,
        span: whole ?? valueSpan,
      });
    }
  }
  return out;
}

function decodeJsonString(raw: string): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "string" ? parsed : raw.slice(1, -1);
  } catch {
    return raw.slice(1, -1);
  }
}

const YAML_SCALARS = new Set(["plain_scalar", "double_quote_scalar", "single_quote_scalar", "block_scalar"]);

function yamlScalar(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | undefined = node;
  while (current && (current.type === "flow_node" || current.type === "block_node")) {
    const children: SyntaxNode[] = namedChildrenOf(current).filter((c) => c.type !== "tag" && c.type !== "anchor" && c.type !== "comment");
    current = children.length === 1 ? children[0] : undefined;
  }
  return current && YAML_SCALARS.has(current.type) ? current : undefined;
}

function yamlEntries(root: SyntaxNode): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const stack: { node: SyntaxNode; path: string[]; key?: string; keyNode?: SyntaxNode; whole?: Span }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path, key, keyNode, whole } = stack.pop()!;
    if (node.type === "block_mapping_pair" || node.type === "flow_pair") {
      const k = node.childForFieldName("key");
      const v = node.childForFieldName("value");
      if (!k || !v) continue;
      const keyScalar = yamlScalar(k);
      const name = keyScalar ? unquote(keyScalar.text).value : k.text;
      stack.push({ node: v, path: [...path, name], key: name, keyNode: k, whole: span(node) });
      continue;
    }
    const scalar = key !== undefined ? yamlScalar(node) : undefined;
    if (scalar && keyNode) {
      const raw = scalar.text;
      let entry: ConfigEntry;
      if (scalar.type === "block_scalar") {
        const body = raw.replace(/^[|>][^\n]*\n?/, "");
        const bodyStart = scalar.endIndex - body.length;
        entry = {
          key: key!, path, value: body.replace(/^[ \t]+/gm, ""), kind: "string", quoted: true,
          keySpan: span(keyNode), valueSpan: span(scalar), contentSpan: { start: bodyStart, end: scalar.endIndex }, span: whole ?? span(scalar),
        };
      } else {
        entry = quotedEntry(key!, path, span(keyNode), scalar.startIndex, raw, whole ?? span(scalar));
        if (!entry.quoted) {
          const kind: EntryKind =
            scalar.namedChild(0)?.type === "boolean_scalar" ? "boolean"
            : scalar.namedChild(0)?.type === "integer_scalar" || scalar.namedChild(0)?.type === "float_scalar" ? "number"
            : scalar.namedChild(0)?.type === "null_scalar" ? "null"
            : "string";
          entry = { ...entry, kind };
        }
      }
      out.push(entry);
      continue;
    }
    const children = namedChildrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      const inSequence = child.type === "block_sequence_item" || node.type === "flow_sequence";
      stack.push(inSequence || child.type === "block_node" || child.type === "flow_node" || child.type === "block_sequence" || child.type === "flow_sequence" || child.type === "block_sequence_item"
        ? { node: child, path, ...(key !== undefined ? { key } : {}), ...(keyNode ? { keyNode } : {}), whole: inSequence ? span(child) : (whole ?? span(child)) }
        : { node: child, path });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.valueSpan.start - b.valueSpan.start);
}

function tomlKeyParts(node: SyntaxNode): string[] {
  const parts: string[] = [];
  for (const part of descendants(node)) {
    if (part.type === "bare_key") parts.push(part.text);
    else if (part.type === "quoted_key") parts.push(unquote(part.text).value);
  }
  return parts;
}

const TOML_KEYS = new Set(["bare_key", "quoted_key", "dotted_key"]);

function tomlEntries(root: SyntaxNode): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const stack: { container: SyntaxNode; prefix: string[] }[] = [{ container: root, prefix: [] }];
  while (stack.length > 0) {
    const { container, prefix } = stack.pop()!;
    for (const child of namedChildrenOf(container).reverse()) {
      if (child.type === "table" || child.type === "table_array_element") {
        const header = namedChildrenOf(child).find((c) => TOML_KEYS.has(c.type));
        stack.push({ container: child, prefix: header ? tomlKeyParts(header) : [] });
      } else if (child.type === "pair") {
        const parts = namedChildrenOf(child).filter((c) => c.type !== "comment");
        const keyNode = parts.find((c) => TOML_KEYS.has(c.type));
        const valueNode = parts[parts.length - 1];
        if (!keyNode || !valueNode || valueNode.startIndex === keyNode.startIndex) continue;
        const keyParts = tomlKeyParts(keyNode);
        const path = [...prefix, ...keyParts];
        const key = keyParts[keyParts.length - 1] ?? keyNode.text;
        const values = valueNode.type === "array" ? namedChildrenOf(valueNode) : [valueNode];
        for (const value of values) {
          if (value.type === "inline_table") {
            stack.push({ container: value, prefix: path });
            continue;
          }
          const raw = value.text;
          const isString = value.type === "string";
          const triple = isString && (raw.startsWith('"""') || raw.startsWith("'''"));
          const quoteLength = triple ? 3 : isString ? 1 : 0;
          const inner = raw.slice(quoteLength, raw.length - quoteLength);
          out.push({
            key,
            path,
            value: isString && raw.startsWith('"') ? inner.replace(/\\(.)/g, "$1") : inner,
            kind: isString ? "string" : value.type === "integer" || value.type === "float" ? "number" : value.type === "boolean" ? "boolean" : "other",
            quoted: isString,
            keySpan: span(keyNode),
            valueSpan: span(value),
            contentSpan: { start: value.startIndex + quoteLength, end: value.endIndex - quoteLength },
            span: span(child),
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.valueSpan.start - b.valueSpan.start);
}

function iniEntries(root: SyntaxNode, text: string): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const visit = (container: SyntaxNode, section: string[]) => {
    for (const child of namedChildrenOf(container)) {
      if (child.type === "section") {
        const name = namedChildrenOf(child).find((c) => c.type === "section_name");
        visit(child, name ? [name.text.trim().replace(/^\[|\]$/g, "").trim()] : []);
      } else if (child.type === "setting") {
        const keyNode = namedChildrenOf(child).find((c) => c.type === "setting_name");
        const valueNode = namedChildrenOf(child).find((c) => c.type === "setting_value");
        if (!keyNode) continue;
        const key = keyNode.text.trim();
        if (!valueNode) continue;
        const rawFull = text.slice(valueNode.startIndex, valueNode.endIndex);
        const lead = rawFull.length - rawFull.trimStart().length;
        const raw = rawFull.trim();
        out.push(quotedEntry(key, [...section, key], { start: keyNode.startIndex, end: keyNode.startIndex + key.length }, valueNode.startIndex + lead, raw, span(child)));
      }
    }
  };
  visit(root, []);
  return out;
}

function devicetreeEntries(root: SyntaxNode): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const stack: { node: SyntaxNode; path: string[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    for (const child of namedChildrenOf(node).reverse()) {
      if (child.type === "node") {
        stack.push({ node: child, path: [...path, child.childForFieldName("name")?.text ?? ""] });
      } else if (child.type === "property") {
        out.push(...devicetreeProperty(child, path));
      } else {
        stack.push({ node: child, path });
      }
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.valueSpan.start - b.valueSpan.start);
}

function devicetreeProperty(property: SyntaxNode, path: readonly string[]): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const nameNode = property.childForFieldName("name");
  if (!nameNode) return out;
  const key = nameNode.text;
  const values = namedChildrenOf(property).filter((c) => c.startIndex !== nameNode.startIndex && c.type !== "comment");
  if (values.length === 0) {
    out.push({ key, path: [...path, key], value: "true", kind: "boolean", quoted: false, keySpan: span(nameNode), valueSpan: span(nameNode), contentSpan: span(nameNode), span: span(property) });
  }
  for (const value of values) {
    if (value.type === "string_literal") {
      out.push(quotedEntry(key, [...path, key], span(nameNode), value.startIndex, value.text, span(property)));
    } else if (value.type === "integer_cells") {
      const cells = namedChildrenOf(value);
      const only = cells.length === 1 ? cells[0] : undefined;
      out.push({
        key, path: [...path, key], value: only ? only.text : value.text, kind: only ? "number" : "other", quoted: false,
        keySpan: span(nameNode), valueSpan: span(value), contentSpan: only ? span(only) : span(value), span: span(property),
      });
    }
  }
  return out;
}

function kconfigDefinitionEntries(text: string): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  for (const symbol of parseKconfigDefinitions(text)) {
    for (const def of symbol.defaults) {
      out.push({
        key: symbol.name,
        path: [symbol.name],
        value: def.value,
        kind: def.quoted ? "string" : symbol.type === "string" ? "other" : classifyBare(def.value),
        quoted: def.quoted,
        keySpan: { start: symbol.nameStart, end: symbol.nameEnd },
        valueSpan: { start: def.start, end: def.end },
        contentSpan: { start: def.contentStart, end: def.contentEnd },
        span: { start: def.start, end: def.end },
      });
    }
  }
  return out;
}

/** Every key/value entry of a config file; empty for languages that are not configs. */
export function configEntries(language: LanguageId, root: SyntaxNode | undefined, text: string): ConfigEntry[] {
  switch (language) {
    case "kconfig":
    case "keyvalue":
      return root ? propertiesEntries(root, text) : [];
    case "json":
      return root ? jsonEntries(root) : [];
    case "yaml":
      return root ? yamlEntries(root) : [];
    case "toml":
      return root ? tomlEntries(root) : [];
    case "ini":
      return root ? iniEntries(root, text) : [];
    case "devicetree":
      return root ? devicetreeEntries(root) : [];
    case "kconfig-def":
      return kconfigDefinitionEntries(text);
    default:
      return [];
  }
}
