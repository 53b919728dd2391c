import { defineRule } from "../../../server/src/engine/rule.ts";
import { ancestor, descendants, namedChildrenOf, type SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext, Span } from "../../../server/src/engine/types.ts";
import { bindingOf, literalsInMacroBody, stringValue, STRING_TYPES, type CStringValue } from "../../common/c-syntax.ts";
import { cStringPieces, FlatText, macroBodyPieces, type TextPiece } from "../../common/string-pieces.ts";
import { allEqual, elementWidth, escapedBytes, firstElement, initializerValues, integerLiteral, macroValues, secretKeyKind } from "./c-key-bytes.ts";
import { derPrivateKey, describeKey, pemKeyKind, type KeyKind } from "./key-kind.ts";
import { hasKeyBody, privateKeyBlocks, type PemBlock } from "./pem-blocks.ts";
import docs from "./README.md?raw";

/** Smallest raw key reported: 128 bits. */
const MIN_KEY_BYTES = 16;
const MIN_ELEMENTS = 4;
const DECLARATIONS = new Set(["declaration", "field_declaration"]);

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pemMessage(kind: KeyKind, where: string): string {
  const what = describeKey(kind);
  return kind.encrypted
    ? `Passphrase-protected ${what} ${where}: the passphrase ships or travels with it, so treat the key as exposed`
    : `${capitalize(what)} ${where}: every device shares it, and anyone with the image can impersonate or decrypt`;
}

function keyFileMessage(kind: KeyKind): string {
  const what = describeKey(kind);
  return kind.encrypted
    ? `Passphrase-protected ${what} committed in a key file: the passphrase ships or travels with it, so treat the key as exposed`
    : `${capitalize(what)} committed in a key file: anyone with the repository or a build can sign, impersonate or decrypt with it`;
}

function rawKeyMessage(kind: string, bytes: number, name: string): string {
  const size = bytes <= 64 ? `${bytes * 8}-bit` : `${bytes}-byte`;
  return `${size} ${kind} hard-coded in ${name}: every device shares it, and anyone with the image can decrypt or forge what it protects`;
}

/** From the first literal piece's content to the last one's, quotes excluded. */
function contentSpan(value: CStringValue): Span {
  return { start: value.parts[0]?.content.start ?? value.span.start, end: value.parts.at(-1)?.content.end ?? value.span.end };
}

function blockKind(block: PemBlock): KeyKind {
  return pemKeyKind(block.label, block.base64Head, block.encryptedHeader);
}

// --- C and C++ -----------------------------------------------------------------------------------

/** Reports PEM private keys in C literal pieces (source text as written: `\n` escapes between lines). */
function reportPemPieces(ctx: RuleContext, pieces: readonly TextPiece[], where: string): void {
  const flat = new FlatText(pieces);
  // An end offset maps through its last character, so a range ending a piece stays in that piece.
  const endOf = (index: number) => {
    const last = flat.sourceOffset(index - 1);
    return last === undefined ? undefined : last + 1;
  };
  for (const block of privateKeyBlocks(flat.text, { quoted: true })) {
    if (!hasKeyBody(block)) continue;
    const start = flat.sourceOffset(block.start);
    const end = endOf(block.end);
    const bodyStart = flat.sourceOffset(block.body.start);
    const bodyEnd = endOf(block.body.end);
    if (start === undefined || end === undefined || bodyStart === undefined || bodyEnd === undefined) continue;
    ctx.report({ span: { start, end }, secret: { start: bodyStart, end: bodyEnd }, message: pemMessage(blockKind(block), where) });
  }
}

/** How DER key arrays are written (`0x30, 0x82, …`, `"\x30\x82…"`): also the rule's triggers, so keep them in step. */
const DER_MARKERS = ["0x30, 0x", "0x30,0x", "\\x30\\x"];
const derWritten = new WeakMap<object, boolean>();

/** Whether the file spells a DER array the way the triggers can see (decimal or odd spacing is not recognised). */
function hasDerMarker(ctx: RuleContext): boolean {
  let known = derWritten.get(ctx.file);
  if (known === undefined) {
    const lower = ctx.file.text.toLowerCase();
    known = DER_MARKERS.some((marker) => lower.includes(marker));
    derWritten.set(ctx.file, known);
  }
  return known;
}

/** Reports raw key bytes: a DER private key whatever its name, else a secret-key-named array of at least 128 bits. */
function reportKeyBytes(ctx: RuleContext, name: string, values: readonly number[], width: number, span: Span, secret: Span): void {
  if (width === 1 && values[0] === 0x30 && values.every((v) => v <= 0xff) && hasDerMarker(ctx)) {
    const der = derPrivateKey(Uint8Array.from(values));
    if (der) {
      ctx.report({ span, secret, message: pemMessage(der, `(DER) embedded in ${name}`) });
      return;
    }
  }
  const kind = secretKeyKind(name);
  if (!kind || values.length < MIN_ELEMENTS || values.length * width < MIN_KEY_BYTES || allEqual(values)) return;
  ctx.report({ span, secret, message: rawKeyMessage(kind, values.length * width, name) });
}

/** The name a value is bound to (`bindingOf` sees through attribute macros such as `PROGMEM`). */
function boundName(value: SyntaxNode): SyntaxNode | undefined {
  return bindingOf(value)?.nameNode;
}

function declaredType(nameNode: SyntaxNode): string | undefined {
  return ancestor(nameNode, DECLARATIONS, 8)?.childForFieldName("type")?.text;
}

function checkString(ctx: RuleContext, node: SyntaxNode, hasPem: boolean): void {
  const raw = node.text;
  const pem = hasPem && raw.includes("-----BEGIN");
  if (!pem && !raw.includes("\\x")) return;
  const name = boundName(node)?.text;
  if (pem) {
    const pieces = cStringPieces(node);
    if (pieces) reportPemPieces(ctx, pieces, name ? `embedded in ${name}` : "embedded in a string literal");
    return;
  }
  const value = stringValue(node);
  if (!value) return;
  const bytes = name ? escapedBytes(value, ctx.file.text) : undefined;
  if (name && bytes) reportKeyBytes(ctx, name, bytes, 1, value.span, contentSpan(value));
}

function checkInitializer(ctx: RuleContext, list: SyntaxNode): void {
  const nameNode = boundName(list);
  if (!nameNode) return;
  const first = firstElement(list);
  const maybeDer = first?.type === "number_literal" && integerLiteral(first.text) === 0x30;
  if (!maybeDer && !secretKeyKind(nameNode.text)) return;
  const values = initializerValues(list);
  if (!values) return;
  const width = elementWidth(declaredType(nameNode), values);
  const elements = namedChildrenOf(list).filter((c) => c.type !== "comment");
  const secret = { start: elements[0]?.startIndex ?? list.startIndex, end: elements.at(-1)?.endIndex ?? list.endIndex };
  reportKeyBytes(ctx, nameNode.text, values, width, { start: nameNode.startIndex, end: list.endIndex }, secret);
}

function checkMacro(ctx: RuleContext, define: SyntaxNode, hasPem: boolean): void {
  const nameNode = define.childForFieldName("name");
  const body = define.childForFieldName("value");
  if (!nameNode || !body) return;
  const text = body.text;
  const span = { start: nameNode.startIndex, end: body.endIndex };
  if (hasPem && text.includes("-----BEGIN")) {
    const pieces = macroBodyPieces(body);
    if (pieces) reportPemPieces(ctx, pieces, `embedded in ${nameNode.text}`);
    return;
  }
  if (text.includes("\\x")) {
    const literals = literalsInMacroBody(text, body.startIndex);
    if (!literals) return;
    const bytes = escapedBytes(literals, ctx.file.text);
    if (bytes) reportKeyBytes(ctx, nameNode.text, bytes, 1, span, contentSpan(literals));
    return;
  }
  if (!text.includes(",")) return;
  const values = macroValues(text);
  if (values) reportKeyBytes(ctx, nameNode.text, values, elementWidth(undefined, values), span, { start: body.startIndex, end: body.endIndex });
}

const C_CANDIDATES = [...STRING_TYPES, "initializer_list", "preproc_def"];

function checkC(ctx: RuleContext): void {
  const hasPem = ctx.file.text.includes("PRIVATE KEY");
  for (const node of ctx.nodes(C_CANDIDATES)) {
    const type = node.type;
    if (STRING_TYPES.has(type)) {
      if (node.parent?.type !== "concatenated_string") checkString(ctx, node, hasPem);
    } else if (type === "initializer_list") {
      if (node.parent?.type !== "initializer_list") checkInitializer(ctx, node);
    } else if (type === "preproc_def") {
      checkMacro(ctx, node, hasPem);
    }
  }
}

// --- key files and configs -----------------------------------------------------------------------

function checkKeyFile(ctx: RuleContext): void {
  for (const block of privateKeyBlocks(ctx.file.text)) {
    if (!hasKeyBody(block)) continue;
    ctx.report({ span: { start: block.start, end: block.end }, secret: block.body, message: keyFileMessage(blockKind(block)) });
  }
}

function checkConfig(ctx: RuleContext): void {
  const text = ctx.file.text;
  if (!text.includes("PRIVATE KEY")) return;
  const blocks = privateKeyBlocks(text, { quoted: true }).filter(hasKeyBody);
  if (blocks.length === 0) return;
  // Values do not nest: the entry holding a block is the last one starting before it, if it reaches that far.
  const entries = [...ctx.entries()].sort((a, b) => a.valueSpan.start - b.valueSpan.start);
  for (const block of blocks) {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (entries[mid]!.valueSpan.start <= block.start) low = mid + 1;
      else high = mid;
    }
    const candidate = entries[low - 1];
    const entry = candidate && block.start < candidate.valueSpan.end ? candidate : undefined;
    const where = entry ? `embedded in config key ${entry.path.filter((p) => p !== "/").join(".")}` : "embedded in this config";
    ctx.report({ span: { start: block.start, end: block.end }, secret: block.body, message: pemMessage(blockKind(block), where) });
  }
}

export default defineRule({
  id: "private-key-material",
  family: "credentials",
  severity: "error",
  title: "Private or secret key material in source",
  message: "Private or secret key embedded in source or config: every device shares it, and anyone with the image can impersonate or decrypt",
  cwe: ["CWE-321", "CWE-798"],
  standards: { owaspIot: ["I1", "I7"], iec62443: ["CR 1.5", "CR 1.9", "CR 1.14", "CR 4.3"], fda: ["Cryptography", "Authentication"] },
  languages: ["pem", "c", "cpp", "json", "yaml", "toml", "ini", "keyvalue", "kconfig", "devicetree"],
  triggers: ["private key", "key", "psk", "secret", "ltk", "irk", "csrk", "kek", "dek", ...DER_MARKERS],
  docs,
  check(ctx) {
    switch (ctx.file.language) {
      case "pem":
        checkKeyFile(ctx);
        return;
      case "c":
      case "cpp":
        if (ctx.root) checkC(ctx);
        return;
      default:
        checkConfig(ctx);
    }
  },
});
