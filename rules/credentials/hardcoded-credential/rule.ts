import { defineRule } from "../../../server/src/engine/rule.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext, Span } from "../../../server/src/engine/types.ts";
import type { ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import { bindingOf, lvalueName, STRING_TYPES, stringMacros, stringValue, type CStringValue } from "../../common/c-syntax.ts";
import { secretName } from "../../common/names.ts";
import { judgeSecretValue } from "../../common/value-gate.ts";
import { SECRET_ARGUMENT_TRIGGERS, secretArgument, type SecretArgument } from "./sdk-arguments.ts";
import docs from "./README.md?raw";

const COMPARE_FUNCTIONS = new Set(["strcmp", "strncmp", "strcasecmp", "strncasecmp", "memcmp", "strcmp_P", "strncmp_P"]);
const CONFIG_KINDS = new Set(["string", "number", "other"]);
/** `-DWIFI_PASS=\"x\"` in build flags (platformio.ini, CMake presets in JSON/YAML). */
const BUILD_FLAG_DEFINE = /-D[ \t]*([A-Za-z_][A-Za-z0-9_]*)=(\\?"|')?([^\s"'\\]+)/g;

/**
 * Every finding needs a secret-named binding (`names.ts`): one of these occurs in each such name.
 * `key` and `pin` stand for the word pairs (`api_key`, `pin_code`, `default_pin`), whose separators
 * vary too much to list every spelling; `shared` for `pre_shared`.
 */
const NAME_TRIGGERS = ["pass", "pwd", "psk", "secret", "token", "credential", "key", "pin", "shared"];

function messageFor(name: string, defaultCredential: boolean): string {
  return defaultCredential
    ? `Well-known default password hard-coded in ${name}; attackers try these first`
    : `Hard-coded secret in ${name}; anyone holding the firmware image can read it`;
}

function contentSpan(value: CStringValue): Span {
  const first = value.parts[0]!;
  const last = value.parts[value.parts.length - 1]!;
  return { start: first.content.start, end: last.content.end };
}

function reportC(ctx: RuleContext, name: string, value: CStringValue, at: Span, related?: { span: Span; message: string }): void {
  if (value.hasMacro || !secretName(name)) return;
  const verdict = judgeSecretValue(value.value, { name });
  if (!verdict.secret) return;
  ctx.report({ span: at, secret: contentSpan(value), message: messageFor(name, verdict.defaultCredential), ...(related ? { related: [related] } : {}) });
}

/** The other operand of a comparison whose one side is a string literal. */
function comparedName(literal: SyntaxNode): SyntaxNode | undefined {
  const parent = literal.parent;
  if (!parent) return undefined;
  if (parent.type === "binary_expression") {
    const op = parent.childForFieldName("operator")?.text;
    if (op !== "==" && op !== "!=") return undefined;
    const left = parent.childForFieldName("left");
    const other = left?.startIndex === literal.startIndex ? parent.childForFieldName("right") : left;
    return lvalueName(other ?? null);
  }
  if (parent.type === "argument_list") {
    const call = parent.parent;
    const fn = call?.childForFieldName("function")?.text;
    if (!fn || !COMPARE_FUNCTIONS.has(fn)) return undefined;
    const args = parent.namedChildren.filter((a): a is SyntaxNode => a !== null);
    const index = args.findIndex((a) => a.startIndex === literal.startIndex);
    if (index > 1) return undefined;
    return lvalueName(args[index === 0 ? 1 : 0] ?? null);
  }
  return undefined;
}

function checkC(ctx: RuleContext): void {
  for (const node of ctx.nodes([...STRING_TYPES])) {
    if (node.parent?.type === "concatenated_string") continue;
    const value = stringValue(node);
    if (!value) continue;
    const binding = bindingOf(node);
    if (binding) {
      reportC(ctx, binding.name, value, value.span);
      continue;
    }
    const compared = comparedName(node);
    if (compared) {
      reportC(ctx, compared.text, value, value.span);
      continue;
    }
    const argument = secretArgument(node);
    if (argument) reportArgument(ctx, argument, value);
  }
  for (const macro of stringMacros(ctx.nodes(["preproc_def"]))) {
    reportC(ctx, macro.name, macro.value, macro.value.span);
  }
  checkMacroUses(ctx);
}

/** The secret part of a value passed as a known SDK argument: all of it, or the password of `user:password`. */
function secretPart(argument: SecretArgument, value: string): { text: string; offset: number } | undefined {
  if (argument.part === "whole") return { text: value, offset: 0 };
  const colon = value.indexOf(":");
  if (colon < 0) return undefined; // a user name alone
  const rest = value.slice(colon + 1);
  const options = rest.indexOf(";");
  return { text: options < 0 ? rest : rest.slice(0, options), offset: colon + 1 };
}

/** A literal passed as a secret SDK argument: `WiFi.begin(ssid, "…")`, `curl_easy_setopt(c, CURLOPT_USERPWD, "user:…")`. */
function reportArgument(ctx: RuleContext, argument: SecretArgument, value: CStringValue): void {
  if (value.hasMacro) return;
  const part = secretPart(argument, value.value);
  if (!part) return;
  const verdict = judgeSecretValue(part.text, { name: argument.parameter });
  if (!verdict.secret) return;
  const content = contentSpan(value);
  // Offsets map one to one only for a single literal without escapes; otherwise mask the whole literal.
  const plain = value.parts.length === 1 && ctx.file.text.slice(content.start, content.end) === value.value;
  const secret = plain ? { start: content.start + part.offset, end: content.start + part.offset + part.text.length } : content;
  ctx.report({ span: value.span, secret, message: messageFor(argument.name, verdict.defaultCredential) });
}

/** Values bound by name to a macro: `.password = BROKER_PW`, `strcpy(cfg.pass, DEFAULT_PASS)`. */
const MACRO_USES = `
(initializer_pair value: (identifier) @use)
(init_declarator value: (identifier) @use)
(assignment_expression right: (identifier) @use)
(argument_list (identifier) @use)
`;

/**
 * A secret-named binding whose value is a string macro defined anywhere in the scanned set: the
 * finding sits at the literal (often in a header), related to this use.
 */
function checkMacroUses(ctx: RuleContext): void {
  if (ctx.project.size === 0) return;
  for (const match of ctx.query(MACRO_USES)) {
    const use = match.captures[0]!.node;
    const facts = ctx.project.stringMacro(use.text);
    if (facts.length === 0) continue;
    const binding = bindingOf(use);
    const argument = binding ? undefined : secretArgument(use);
    const name = binding?.name ?? argument?.name;
    if (!name || (binding && !secretName(binding.name)) || secretName(use.text)) continue;
    for (const fact of facts) {
      const part = argument ? secretPart(argument, fact.value) : { text: fact.value, offset: 0 };
      if (!part) continue;
      const verdict = judgeSecretValue(part.text, { name: argument?.parameter ?? name });
      if (!verdict.secret) continue;
      const message = `${messageFor(name, verdict.defaultCredential)} (through macro ${fact.name})`;
      const related = [{ span: { start: use.startIndex, end: use.endIndex }, message: `${fact.name} is used as ${name} here` }];
      if (fact.path === ctx.file.path) ctx.report({ span: fact.literal, secret: fact.content, message, related });
      else ctx.report({ span: { start: use.startIndex, end: use.endIndex }, elsewhere: { path: fact.path, range: fact.literal, secret: fact.content }, message, related });
    }
  }
}

function checkBuildFlags(ctx: RuleContext, entry: ConfigEntry): void {
  const raw = ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end);
  for (const match of raw.matchAll(BUILD_FLAG_DEFINE)) {
    const name = match[1]!;
    const value = match[3]!;
    if (!secretName(name)) continue;
    const verdict = judgeSecretValue(value, { name });
    if (!verdict.secret) continue;
    const start = entry.contentSpan.start + match.index! + match[0].length - value.length;
    ctx.report({ span: { start, end: start + value.length }, secret: { start, end: start + value.length }, message: messageFor(name, verdict.defaultCredential) });
  }
}

function checkConfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    if (!CONFIG_KINDS.has(entry.kind)) continue;
    if (entry.value.includes("-D")) checkBuildFlags(ctx, entry);
    if (!secretName(entry.key)) continue;
    const verdict = judgeSecretValue(entry.value, { name: entry.key });
    if (!verdict.secret) continue;
    ctx.report({ span: entry.valueSpan, secret: entry.contentSpan, message: messageFor(entry.key, verdict.defaultCredential) });
  }
}

export default defineRule({
  id: "hardcoded-credential",
  family: "credentials",
  severity: "error",
  title: "Hard-coded credential",
  message: "Hard-coded secret in source or config; anyone holding the firmware image can read it",
  cwe: ["CWE-798", "CWE-259"],
  standards: { owaspIot: ["I1"], iec62443: ["CR 1.5", "CR 1.7"], fda: ["Authentication"] },
  languages: ["c", "cpp", "kconfig", "kconfig-def", "json", "yaml", "toml", "ini", "keyvalue", "devicetree"],
  triggers: [...NAME_TRIGGERS, ...SECRET_ARGUMENT_TRIGGERS],
  docs,
  check(ctx) {
    if (ctx.file.language === "c" || ctx.file.language === "cpp") {
      checkC(ctx);
    } else {
      checkConfig(ctx);
    }
  },
});
