// A line parser for Kconfig definition files (`Kconfig`, `Kconfig.projbuild`, …). No grammar for
// them ships on npm, and the rules need only each symbol's type, prompt and `default` values.

export interface KconfigDefault {
  /** The value as written after `default`, without its `if` condition. */
  readonly raw: string;
  /** The value with quotes removed and `\"` / `\\` decoded, for quoted strings. */
  readonly value: string;
  readonly quoted: boolean;
  /** Offsets of the raw value and of the text inside its quotes. */
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly condition?: string;
}

export interface KconfigSymbol {
  readonly name: string;
  readonly type?: "bool" | "tristate" | "string" | "int" | "hex";
  readonly prompt?: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly defaults: readonly KconfigDefault[];
}

const SYMBOL_START = /^[ \t]*(?:menu)?config[ \t]+([A-Za-z0-9_]+)[ \t]*(?:#.*)?$/;
const TYPE_LINE = /^[ \t]*(bool|tristate|string|int|hex)\b(.*)$/;
const DEFAULT_LINE = /^([ \t]*(?:default|def_bool|def_tristate|def_string|def_int|def_hex)[ \t])(.*)$/;
const BLOCK_END = /^[ \t]*(?:endmenu|endchoice|endif|menu|choice|if|source|rsource|osource|orsource|comment|mainmenu)\b/;

/** Reads a quoted Kconfig string starting at `text[0] === '"'`; returns its length and decoded value. */
function readQuoted(text: string): { length: number; value: string } | undefined {
  const quote = text[0];
  if (quote !== '"' && quote !== "'") return undefined;
  let value = "";
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length) {
      value += text[++i];
    } else if (ch === quote) {
      return { length: i + 1, value };
    } else {
      value += ch;
    }
  }
  return undefined;
}

function stripTrailingComment(text: string): string {
  let inQuote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuote) {
      if (ch === "\\") i++;
      else if (ch === inQuote) inQuote = undefined;
    } else if (ch === '"' || ch === "'") inQuote = ch;
    else if (ch === "#") return text.slice(0, i);
  }
  return text;
}

/** `  if FOO && BAR` → `FOO && BAR`. */
function conditionOf(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.startsWith("if") && /^if[ \t]/.test(trimmed) ? trimmed.slice(3).trim() || undefined : undefined;
}

function parseDefault(rest: string, restStart: number): KconfigDefault | undefined {
  const body = stripTrailingComment(rest).trimEnd();
  const quoted = readQuoted(body);
  if (quoted) {
    const condition = conditionOf(body.slice(quoted.length));
    return {
      raw: body.slice(0, quoted.length),
      value: quoted.value,
      quoted: true,
      start: restStart,
      end: restStart + quoted.length,
      contentStart: restStart + 1,
      contentEnd: restStart + quoted.length - 1,
      ...(condition ? { condition } : {}),
    };
  }
  const cut = body.search(/[ \t]/);
  const raw = cut < 0 ? body : body.slice(0, cut);
  if (!raw) return undefined;
  const condition = cut < 0 ? undefined : conditionOf(body.slice(cut));
  return {
    raw,
    value: raw,
    quoted: false,
    start: restStart,
    end: restStart + raw.length,
    contentStart: restStart,
    contentEnd: restStart + raw.length,
    ...(condition ? { condition } : {}),
  };
}

export function parseKconfigDefinitions(text: string): KconfigSymbol[] {
  const symbols: KconfigSymbol[] = [];
  let current: { name: string; nameStart: number; type?: KconfigSymbol["type"]; prompt?: string; defaults: KconfigDefault[] } | undefined;
  const flush = () => {
    if (current) symbols.push({ ...current, nameEnd: current.nameStart + current.name.length });
    current = undefined;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const symbol = SYMBOL_START.exec(line);
    if (symbol) {
      flush();
      const name = symbol[1]!;
      current = { name, nameStart: lineStart + line.indexOf(name, line.indexOf("config") + 6), defaults: [] };
    } else if (BLOCK_END.test(line)) {
      flush();
    } else if (current) {
      const type = TYPE_LINE.exec(line);
      const def = DEFAULT_LINE.exec(line);
      if (type) {
        current.type = type[1] as KconfigSymbol["type"];
        const prompt = readQuoted((type[2] ?? "").trim());
        if (prompt) current.prompt = prompt.value;
      } else if (def) {
        const rest = def[2] ?? "";
        const lead = rest.length - rest.trimStart().length;
        const parsed = parseDefault(rest.trimStart(), lineStart + (def[1] ?? "").length + lead);
        if (parsed) current.defaults.push(parsed);
      }
    }
    if (lineEnd === text.length) break;
    lineStart = lineEnd + 1;
  }
  flush();
  return symbols;
}
