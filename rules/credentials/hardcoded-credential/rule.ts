import { defineRule } from "../../../server/src/engine/rule.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext, Span } from "../../../server/src/engine/types.ts";
import type { ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import { enclosingFunction, functionNameNode, innermostCall, unwrapExpression } from "../../common/c-calls.ts";
import { bindingOf, declaratorName, lvalueName, STRING_TYPES, stringMacros, stringValue, type CStringValue } from "../../common/c-syntax.ts";
import { isUserName, nameWords, secretName } from "../../common/names.ts";
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
/** Password checks inside login functions (`LOGIN_FUNCTION_WORDS`) and espota's `--auth=` upload flag. */
const CHECK_TRIGGERS = ["login", "logon", "signin", "auth", "unlock"];

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
function comparedOperand(literal: SyntaxNode): SyntaxNode | undefined {
  const parent = literal.parent;
  if (!parent) return undefined;
  if (parent.type === "binary_expression") {
    const op = parent.childForFieldName("operator")?.text;
    if (op !== "==" && op !== "!=") return undefined;
    const left = parent.childForFieldName("left");
    const other = left?.startIndex === literal.startIndex ? parent.childForFieldName("right") : left;
    return other ?? undefined;
  }
  if (parent.type === "argument_list") {
    const call = parent.parent;
    const fn = call?.childForFieldName("function")?.text;
    if (!fn || !COMPARE_FUNCTIONS.has(fn)) return undefined;
    const args = parent.namedChildren.filter((a): a is SyntaxNode => a !== null);
    const index = args.findIndex((a) => a.startIndex === literal.startIndex);
    if (index > 1) return undefined;
    return args[index === 0 ? 1 : 0];
  }
  return undefined;
}

const SPACE = new Set([" ", "\t", "\r", "\n", "\f", "\v"]);

/**
 * Whether a literal can be an operand of `comparedOperand`: an `==`/`!=` next to it (a comment or
 * line continuation there counts as maybe), or a compare function as the innermost call around it.
 * Reads characters and positions only, so literals that are neither cost no look at the tree.
 */
function mayBeCompared(ctx: RuleContext, literal: SyntaxNode): boolean {
  const text = ctx.file.text;
  let before = literal.startIndex - 1;
  while (before >= 0 && SPACE.has(text[before]!)) before--;
  let after = literal.endIndex;
  while (after < text.length && SPACE.has(text[after]!)) after++;
  if ("=/\\".includes(text[before] ?? " ") || "=!/\\".includes(text[after] ?? " ")) return true;
  const name = innermostCall(ctx, literal)?.name;
  return name !== undefined && COMPARE_FUNCTIONS.has(name);
}

/** Words that make a function a password check: `cmd_login`, `service_unlock`, `check_password`, `verify_pin`. */
const LOGIN_FUNCTION_WORDS = new Set([
  "login", "logon", "signin", "auth", "authenticate", "authentication", "unlock", "password", "passwd", "passcode", "pin",
]);
/** Words that make such a function about something else: `auth_mode_from_str`, `password_policy_name`. */
const NOT_A_CHECK_WORDS = new Set(["mode", "type", "method", "scheme", "level", "parse", "str", "string", "name", "policy", "hint", "prompt", "len", "length", "topic", "url", "uri"]);
/** Operands that hold a command, option or field name, compared against words, not passwords. */
const COMMAND_OPERANDS = new Set(["cmd", "command", "verb", "action", "op", "opcode", "subcommand", "method", "mode", "type", "key", "name", "topic", "path", "uri", "url", "option", "opt", "arg0"]);

/** The names of a function definition's parameters. */
function parameterNames(fn: SyntaxNode): Set<string> {
  const names = new Set<string>();
  let declarator: SyntaxNode | null = fn.childForFieldName("declarator");
  for (let depth = 0; declarator && declarator.type !== "function_declarator" && depth < 8; depth++) declarator = declarator.childForFieldName("declarator");
  for (const parameter of declarator?.childForFieldName("parameters")?.namedChildren ?? []) {
    const name = parameter ? declaratorName(parameter.childForFieldName("declarator")) : undefined;
    if (name) names.add(name.text);
  }
  return names;
}

/** The compared value is the function's own parameter (`entered_pin`) or an element of one (`argv[1]`), not a field or a local. */
function comparesParameter(fn: SyntaxNode, operand: SyntaxNode): boolean {
  let base: SyntaxNode | null = operand;
  if (base.type === "subscript_expression") base = base.childForFieldName("argument");
  return base?.type === "identifier" && parameterNames(fn).has(base.text);
}

/** A value that reads as a password rather than a command word: at least six characters of two kinds, no spaces, not an `--option`. */
function passwordShaped(value: string): boolean {
  if (value.length < 6 || /\s/.test(value) || value.startsWith("-")) return false;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((kind) => kind.test(value)).length;
  return kinds >= 2;
}

/**
 * `strcmp(argv[1], "…")` inside `cmd_login()`: the compared value carries no secret name, but a
 * login, auth or unlock function comparing its input against a password-shaped literal (or a
 * well-known default password) is a hard-coded password check.
 */
function reportLoginCheck(ctx: RuleContext, literal: SyntaxNode, operand: SyntaxNode, compared: SyntaxNode | undefined, value: CStringValue): void {
  if (value.hasMacro) return;
  if (compared && (isUserName(compared.text) || nameWords(compared.text).some((w) => COMMAND_OPERANDS.has(w)))) return;
  const inner = unwrapExpression(operand);
  // `argv[0]` is the command's own name.
  if (inner.type === "subscript_expression" && inner.childForFieldName("index")?.text === "0") return;
  const fn = enclosingFunction(ctx, literal);
  const fnName = fn ? functionNameNode(ctx, fn) : undefined;
  if (!fn || !fnName) return;
  const words = nameWords(fnName.text);
  if (!words.some((w) => LOGIN_FUNCTION_WORDS.has(w)) || words.some((w) => NOT_A_CHECK_WORDS.has(w))) return;
  // Only the routine's own input (`entered_password`, `argv[1]`): not a client's address, id or digest parameters.
  if (!comparesParameter(fn, inner)) return;
  const verdict = judgeSecretValue(value.value);
  if (!verdict.secret || (!verdict.defaultCredential && !passwordShaped(value.value.trim()))) return;
  ctx.report({ span: value.span, secret: contentSpan(value), message: messageFor(`the password check of ${fnName.text}()`, verdict.defaultCredential) });
}

/** Words around a parser's current word: `token`, `cur_tok`, `next_word`, `arg`, `key` hold a keyword being matched. */
const PARSER_WORDS = new Set(["token", "tok", "word", "arg", "key"]);
const PARSER_WORD_MODIFIERS = new Set(["cur", "curr", "current", "next", "prev", "this", "in", "tmp", "temp", "local", "my", "the"]);

/** `strcmp(token, "listener")`: a variable named only for being the parser's current word is not a credential. */
function parserWord(name: string): boolean {
  const words = nameWords(name).filter((w) => !PARSER_WORD_MODIFIERS.has(w));
  return words.length === 1 && PARSER_WORDS.has(words[0]!);
}

/** `strncasecmp(private_key, "pkcs11:", 7)`: a length-limited test for a URI scheme prefix parses a reference, it checks no password. */
function schemePrefixTest(literal: SyntaxNode, value: CStringValue): boolean {
  if (!/^[a-z][a-z0-9+.-]*:(?:\/\/)?$/i.test(value.value)) return false;
  const list = literal.parent;
  const fn = list?.type === "argument_list" ? list.parent?.childForFieldName("function")?.text : undefined;
  return fn === "strncmp" || fn === "strncasecmp" || fn === "memcmp";
}

/** A string literal with the operand it is compared against, if any. */
interface LiteralUse {
  readonly node: SyntaxNode;
  readonly value: CStringValue;
  readonly binding: ReturnType<typeof bindingOf>;
  readonly operand?: SyntaxNode;
  /** Function start and operand text: the key of a keyword dispatch. */
  readonly dispatchKey?: string;
  /** A value that cannot be a secret, kept only to count toward a keyword dispatch. */
  readonly countOnly?: boolean;
}

/** Distinct literals one operand is compared with in one function; three or more make a keyword dispatch. */
function dispatchCounts(uses: readonly LiteralUse[]): Map<string, number> {
  const literals = new Map<string, Set<string>>();
  for (const use of uses) {
    if (!use.dispatchKey) continue;
    let set = literals.get(use.dispatchKey);
    if (!set) literals.set(use.dispatchKey, (set = new Set()));
    set.add(use.value.value);
  }
  return new Map([...literals].map(([key, set]) => [key, set.size]));
}

function checkC(ctx: RuleContext): void {
  const uses: LiteralUse[] = [];
  for (const node of ctx.nodes([...STRING_TYPES])) {
    const value = stringValue(node);
    if (!value) continue;
    // Log lines, format strings and prompts are never secrets whatever they are bound to: the
    // binding names only ever remove values, so skip before the costlier look at the tree. A
    // `user:pw` value is judged by its password part too, as the SDK-argument check reads it.
    if (!judgeSecretValue(value.value).secret && !passwordPartMaySecret(value.value)) {
      // Compared `:` values (`"get:status"`) still count toward a keyword dispatch below. A
      // compared literal is never a binding, so the operand alone decides.
      const operand = value.value.includes(":") && mayBeCompared(ctx, node) ? comparedOperand(node) : undefined;
      const fn = operand ? enclosingFunction(ctx, node) : undefined;
      if (operand && fn) uses.push({ node, value, binding: undefined, operand, dispatchKey: `${fn.startIndex}:${operand.text}`, countOnly: true });
      continue;
    }
    if (node.parent?.type === "concatenated_string") continue;
    const binding = bindingOf(node);
    const operand = binding ? undefined : comparedOperand(node);
    const fn = operand ? enclosingFunction(ctx, node) : undefined;
    uses.push({ node, value, binding, ...(operand ? { operand } : {}), ...(operand && fn ? { dispatchKey: `${fn.startIndex}:${operand.text}` } : {}) });
  }
  const dispatch = dispatchCounts(uses);
  for (const { node, value, binding, operand, dispatchKey, countOnly } of uses) {
    if (countOnly) continue;
    if (binding) {
      reportC(ctx, binding.name, value, value.span);
      continue;
    }
    // A keyword dispatch (`if (!strcmp(opt, "port")) … else if (!strcmp(opt, "tls")) …`) compares words, not secrets.
    if (dispatchKey && (dispatch.get(dispatchKey) ?? 0) >= 3) continue;
    const compared = operand ? lvalueName(operand) : undefined;
    if (compared && parserWord(compared.text)) continue;
    if (operand && schemePrefixTest(node, value)) continue;
    if (operand && compared && secretName(compared.text)) {
      reportC(ctx, compared.text, value, value.span);
      continue;
    }
    if (operand) {
      reportLoginCheck(ctx, node, operand, compared, value);
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

/** The password of `user:password` (up to `;options`), or undefined for a user name alone. */
function passwordPart(value: string): { text: string; offset: number } | undefined {
  const colon = value.indexOf(":");
  if (colon < 0) return undefined;
  const rest = value.slice(colon + 1);
  const options = rest.indexOf(";");
  return { text: options < 0 ? rest : rest.slice(0, options), offset: colon + 1 };
}

function passwordPartMaySecret(value: string): boolean {
  const part = passwordPart(value);
  return part !== undefined && judgeSecretValue(part.text).secret;
}

/** The secret part of a value passed as a known SDK argument: all of it, or the password of `user:password`. */
function secretPart(argument: SecretArgument, value: string): { text: string; offset: number } | undefined {
  return argument.part === "whole" ? { text: value, offset: 0 } : passwordPart(value);
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

/** espota's upload password in PlatformIO `upload_flags` (arduino-esp32 `tools/espota.py`: `-a`/`--auth`). */
const UPLOAD_AUTH = /(?:^|\s)--auth(?:=|[ \t]+)"?([^\s"]+)/g;

function checkUploadAuth(ctx: RuleContext, entry: ConfigEntry): void {
  const raw = ctx.file.text.slice(entry.contentSpan.start, entry.contentSpan.end);
  for (const match of raw.matchAll(UPLOAD_AUTH)) {
    const value = match[1]!;
    const verdict = judgeSecretValue(value, { name: "password" });
    if (!verdict.secret) continue;
    const start = entry.contentSpan.start + match.index! + match[0].length - value.length;
    const span = { start, end: start + value.length };
    ctx.report({ span, secret: span, message: messageFor(`the --auth upload password of ${entry.key}`, verdict.defaultCredential) });
  }
}

/** Sections that own a PIN: `"service": { "pin": "2580" }`, `[admin] pin = 4711`. */
const PIN_OWNER_WORDS = new Set([
  "service", "admin", "administrator", "user", "operator", "clinician", "technician", "maintenance", "biomed", "engineer",
  "unlock", "lock", "access", "security", "login", "menu", "panel",
]);
/** Formats without typed values, where `pin = 2580` is as much a string as a number. */
const UNTYPED_LANGUAGES = new Set(["ini", "keyvalue", "kconfig"]);

/**
 * A key named just `pin` holding 4–8 digits: quoted (a string of digits is a PIN; GPIO pin numbers
 * are integers), or in an untyped format under a section that owns a PIN. Integers in JSON, YAML
 * and TOML are never reported.
 */
function pinEntry(ctx: RuleContext, entry: ConfigEntry): boolean {
  const words = nameWords(entry.key);
  if (words.length !== 1 || words[0] !== "pin" || !/^\d{4,8}$/.test(entry.value.trim())) return false;
  if (entry.quoted) return true;
  return UNTYPED_LANGUAGES.has(ctx.file.language) && entry.path.slice(0, -1).flatMap(nameWords).some((w) => PIN_OWNER_WORDS.has(w));
}

/**
 * The secret-named key an entry's value belongs to: the key itself, or for Mbed's config
 * parameters (`"wifi-password": { "help": …, "value": … }`) the parameter that owns `value`.
 */
function configName(entry: ConfigEntry): string | undefined {
  if (secretName(entry.key)) return entry.key;
  const parent = entry.path[entry.path.length - 2];
  return entry.key === "value" && parent !== undefined && secretName(parent) ? parent : undefined;
}

/** Mbed string parameters carry C quotes inside the config string: `"value": "\"…\""`. */
function withoutCQuotes(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : value;
}

/** Name endings that make a number a secret in a Kconfig value file (`CONFIG_…_PIN=4711`); other numbers are settings. */
const NUMERIC_SECRET_WORDS = new Set(["pin", "pincode", "passkey", "passcode"]);

/**
 * Kconfig entries that cannot hold a secret: a definition's unquoted `default` (an `int`/`bool`
 * symbol's number, or another symbol's name; string symbols' defaults are quoted), and numbers
 * in value files unless the name ends in a PIN word (`…_PWD_SHOW_TIME=1500`, `…_ITERATIONS=1000`).
 */
function kconfigSetting(ctx: RuleContext, entry: ConfigEntry): boolean {
  if (ctx.file.language === "kconfig-def") return !entry.quoted;
  if (ctx.file.language === "kconfig" && entry.kind === "number") return !NUMERIC_SECRET_WORDS.has(nameWords(entry.key).at(-1) ?? "");
  return false;
}

/** GitHub Actions `permissions:` (`id-token: write`): access levels of the job's token, not a token. */
function workflowPermission(ctx: RuleContext, entry: ConfigEntry): boolean {
  return ctx.file.language === "yaml" && entry.path.slice(0, -1).includes("permissions");
}

/** `indent_token_after_brace = true   # true/false`: an unquoted untyped value followed by a `#` comment. */
function withoutTrailingComment(ctx: RuleContext, entry: ConfigEntry): string {
  if (entry.quoted || !UNTYPED_LANGUAGES.has(ctx.file.language)) return entry.value;
  const comment = entry.value.search(/\s#/);
  return comment < 0 ? entry.value : entry.value.slice(0, comment);
}

function checkConfig(ctx: RuleContext): void {
  for (const entry of ctx.entries()) {
    if (!CONFIG_KINDS.has(entry.kind)) continue;
    if (kconfigSetting(ctx, entry) || workflowPermission(ctx, entry)) continue;
    if (entry.value.includes("-D")) checkBuildFlags(ctx, entry);
    if (ctx.file.language === "ini" && entry.value.includes("--auth")) checkUploadAuth(ctx, entry);
    if (pinEntry(ctx, entry)) {
      const verdict = judgeSecretValue(entry.value, { name: entry.key });
      const shown = entry.path.length > 1 ? entry.path.slice(-2).join(".") : entry.key;
      if (verdict.secret) ctx.report({ span: entry.valueSpan, secret: entry.contentSpan, message: messageFor(shown, verdict.defaultCredential) });
      continue;
    }
    const name = configName(entry);
    if (!name) continue;
    const verdict = judgeSecretValue(withoutCQuotes(withoutTrailingComment(ctx, entry)), { name });
    if (!verdict.secret) continue;
    ctx.report({ span: entry.valueSpan, secret: entry.contentSpan, message: messageFor(name, verdict.defaultCredential) });
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
  triggers: [...NAME_TRIGGERS, ...CHECK_TRIGGERS, ...SECRET_ARGUMENT_TRIGGERS],
  docs,
  check(ctx) {
    if (ctx.file.language === "c" || ctx.file.language === "cpp") {
      checkC(ctx);
    } else {
      checkConfig(ctx);
    }
  },
});
