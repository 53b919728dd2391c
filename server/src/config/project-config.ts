// The project configuration (`.sterile.yml`, `.sterile.yaml` or `.sterile.json`): parsed from text
// and validated against the shipped JSON Schema, with every problem reported as `file:line: what`.
// No file system here; hosts find and read the file.

import Ajv from "ajv";
import { isMap, LineCounter, parseDocument, type Node } from "yaml";
import schema from "../../../schema/sterile-config.schema.json";
import type { Severity, SeverityOrOff } from "../engine/types.ts";
import type { ContextPolicy, FileRole } from "./file-role.ts";

export interface SuppressEntry {
  readonly path: string;
  readonly rules: readonly string[];
  readonly justification: string;
  readonly until?: string;
  readonly by?: string;
  /** One-based line in the config file, for reports. */
  readonly line: number;
}

export interface ProjectConfig {
  /** The file it was read from, relative to the project root (`.sterile.yml`); undefined for defaults. */
  readonly file?: string;
  readonly rules: ReadonlyMap<string, SeverityOrOff>;
  readonly exclude: readonly string[];
  readonly overrides: readonly { readonly files: readonly string[]; readonly rules: ReadonlyMap<string, SeverityOrOff> }[];
  readonly failOn?: Severity | "none";
  readonly context: Partial<Record<FileRole, ContextPolicy>>;
  readonly suppress: readonly SuppressEntry[];
}

/** The names a project config file may have, in the order hosts look for them (the CLI keeps its own copy in cli/project-root.ts). */
export const CONFIG_FILE_NAMES: readonly string[] = [".sterile.yml", ".sterile.yaml", ".sterile.json"];

export const EMPTY_CONFIG: ProjectConfig = { rules: new Map(), exclude: [], overrides: [], context: {}, suppress: [] };

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
  }
}

interface RawConfig {
  rules?: Record<string, SeverityOrOff>;
  exclude?: string[];
  overrides?: { files: string[]; rules: Record<string, SeverityOrOff> }[];
  failOn?: Severity | "none";
  context?: Partial<Record<FileRole, ContextPolicy>>;
  suppress?: { path: string; rules: string[]; justification: string; until?: string; by?: string }[];
}

let validator: ReturnType<Ajv["compile"]> | undefined;

function validate(data: unknown) {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return { ok: validator(data) as boolean, errors: validator.errors ?? [] };
}

function pathSegments(instancePath: string): (string | number)[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Parses and validates a config file's text. `knownRules` are the ids (and aliases) the catalog
 * holds; naming another is an error, since a typo would silently keep a rule on.
 */
export function parseProjectConfig(file: string, text: string, knownRules: ReadonlySet<string>): ProjectConfig {
  const lineCounter = new LineCounter();
  // Data only: YAML 1.2's core schema, no merge keys, and no tag resolved beyond it (no `!!binary`,
  // `!!set`, `!!timestamp`, and never a custom `!tag` constructing anything); any tag is an error below.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: "core", resolveKnownTags: false, merge: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const firstError = doc.errors[0];
  if (firstError) throw new ConfigError(file, lineAt(firstError.pos[0]), firstError.message.split("\n")[0] ?? "syntax error");
  const tag = doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (tag) throw new ConfigError(file, lineAt(tag.pos[0]), `YAML tags are not allowed in the config file (${tag.message.split("\n")[0]}); write plain values`);
  if (file.endsWith(".json")) {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new ConfigError(file, 1, `not valid JSON: ${(error as Error).message}`);
    }
  }
  let data: unknown;
  try {
    // Aliases expanding into a huge structure are refused by the parser's own limit.
    data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  } catch (error) {
    throw new ConfigError(file, 1, `cannot be read as data: ${(error as Error).message}`);
  }
  const nodeLine = (segments: (string | number)[]): number => {
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as Node | undefined;
      if (node && typeof node === "object" && "range" in node && node.range) return lineAt(node.range[0]);
    }
    return 1;
  };
  const { ok, errors } = validate(data);
  if (!ok) {
    const error = errors[0]!;
    const segments = pathSegments(error.instancePath);
    const where = error.instancePath ? `"${segments.join(".")}"` : "the top level";
    let problem = `${where} ${error.message ?? "is invalid"}`;
    if (error.keyword === "additionalProperties") {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      problem = `unknown key "${extra}"${error.instancePath ? ` in "${segments.join(".")}"` : ""}`;
      const keyLine = nodeKeyLine(doc.getIn(segments, true) as Node | undefined, extra, lineAt);
      throw new ConfigError(file, keyLine ?? nodeLine(segments), problem);
    }
    if (error.keyword === "enum") problem += `: ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(", ")}`;
    if (error.keyword === "propertyNames") problem = `"${(error.params as { propertyName?: string }).propertyName}" is not a rule id`;
    throw new ConfigError(file, nodeLine(segments), problem);
  }
  const raw = (data ?? {}) as RawConfig;
  const severities = (map: Record<string, SeverityOrOff> | undefined, at: (string | number)[]) => {
    const out = new Map<string, SeverityOrOff>();
    for (const [id, severity] of Object.entries(map ?? {})) {
      if (!knownRules.has(id)) throw new ConfigError(file, nodeKeyLine(doc.getIn(at, true) as Node | undefined, id, lineAt) ?? nodeLine(at), `unknown rule "${id}" (see: sterile rules)`);
      out.set(id, severity);
    }
    return out;
  };
  return {
    file,
    rules: severities(raw.rules, ["rules"]),
    exclude: raw.exclude ?? [],
    overrides: (raw.overrides ?? []).map((o, i) => ({ files: o.files, rules: severities(o.rules, ["overrides", i, "rules"]) })),
    ...(raw.failOn ? { failOn: raw.failOn } : {}),
    context: raw.context ?? {},
    suppress: (raw.suppress ?? []).map((s, i) => {
      for (const id of s.rules) if (!knownRules.has(id)) throw new ConfigError(file, nodeLine(["suppress", i, "rules"]), `unknown rule "${id}" in suppress`);
      return { ...s, line: nodeLine(["suppress", i]) };
    }),
  };
}

function nodeKeyLine(node: Node | undefined, key: string | undefined, lineAt: (offset: number) => number): number | undefined {
  if (!node || !isMap(node) || key === undefined) return undefined;
  for (const pair of node.items) {
    const k = pair.key as Node | null;
    if (k && typeof k === "object" && "value" in k && String((k as { value: unknown }).value) === key && k.range) return lineAt(k.range[0]);
  }
  return undefined;
}

