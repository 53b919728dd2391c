// The single source of truth for which files Sterile understands, which grammar parses them and
// how their comments look. Every host (CLI walker, language server, VS Code client selectors)
// asks this module; none keeps its own list.

export type LanguageId =
  | "c"
  | "cpp"
  | "kconfig"
  | "kconfig-def"
  | "json"
  | "yaml"
  | "toml"
  | "ini"
  | "keyvalue"
  | "devicetree"
  | "pem";

export interface CommentSyntax {
  /** Line-comment openers, e.g. `//` or `#`. */
  readonly line: readonly string[];
  /** Block comment delimiters where the format has them. */
  readonly block?: readonly [open: string, close: string];
  /**
   * Whether a comment may follow data on the same line. Kconfig value files and `key value`
   * configs read everything after the key as the value, so annotations and suppressions there
   * must sit on the line above.
   */
  readonly trailing: boolean;
}

export interface GrammarSource {
  /** File name of the `.wasm` grammar as shipped beside the bundles (`dist/grammars/`). */
  readonly wasm: string;
  /** npm package and path the `.wasm` file is copied from at build time. */
  readonly wasmFrom: string;
  /** npm package exporting a native binding, when one exists. */
  readonly nativeModule?: string;
}

export interface LanguageInfo {
  readonly id: LanguageId;
  readonly title: string;
  /** Parsed by a tree-sitter grammar, or by one of our own line parsers. */
  readonly grammar?: GrammarSource;
  readonly comments: CommentSyntax;
  /** Lower-case extensions including the dot. */
  readonly extensions: readonly string[];
  /** Whole-name globs (matched against the base name) for files whose extension says nothing. */
  readonly fileNames: readonly string[];
  /** VS Code language ids that map straight to this language, for the client's document selector. */
  readonly vscodeLanguageIds: readonly string[];
  /** Deeper indentation nesting than this is refused before parsing (a grammar's own limit). */
  readonly maxIndentNesting?: number;
}

const C_COMMENTS: CommentSyntax = { line: ["//"], block: ["/*", "*/"], trailing: true };
const HASH_TRAILING: CommentSyntax = { line: ["#"], trailing: true };
const HASH_WHOLE_LINE: CommentSyntax = { line: ["#"], trailing: false };
const NO_COMMENTS: CommentSyntax = { line: [], trailing: false };

export const LANGUAGES: Readonly<Record<LanguageId, LanguageInfo>> = {
  c: {
    id: "c",
    title: "C",
    grammar: { wasm: "tree-sitter-c.wasm", wasmFrom: "tree-sitter-c/tree-sitter-c.wasm", nativeModule: "tree-sitter-c" },
    comments: C_COMMENTS,
    extensions: [".c", ".h"],
    fileNames: [],
    vscodeLanguageIds: ["c"],
  },
  cpp: {
    id: "cpp",
    title: "C++ / Arduino",
    grammar: { wasm: "tree-sitter-cpp.wasm", wasmFrom: "tree-sitter-cpp/tree-sitter-cpp.wasm", nativeModule: "tree-sitter-cpp" },
    comments: C_COMMENTS,
    extensions: [".cpp", ".cc", ".cxx", ".hpp", ".hh", ".hxx", ".ino"],
    fileNames: [],
    vscodeLanguageIds: ["cpp", "arduino"],
  },
  kconfig: {
    id: "kconfig",
    title: "Kconfig values (sdkconfig, prj.conf, defconfig)",
    grammar: {
      wasm: "tree-sitter-properties.wasm",
      wasmFrom: "tree-sitter-properties/tree-sitter-properties.wasm",
      nativeModule: "tree-sitter-properties",
    },
    comments: HASH_WHOLE_LINE,
    extensions: [],
    fileNames: ["sdkconfig", "sdkconfig.*", ".config", "prj*.conf", "sysbuild.conf", "*_defconfig"],
    vscodeLanguageIds: [],
  },
  "kconfig-def": {
    id: "kconfig-def",
    title: "Kconfig definitions",
    comments: HASH_TRAILING,
    extensions: [],
    fileNames: ["Kconfig", "Kconfig.*", "Kconfig-*"],
    vscodeLanguageIds: ["kconfig"],
  },
  json: {
    id: "json",
    title: "JSON",
    grammar: { wasm: "tree-sitter-json.wasm", wasmFrom: "tree-sitter-json/tree-sitter-json.wasm", nativeModule: "tree-sitter-json" },
    comments: NO_COMMENTS,
    extensions: [".json"],
    fileNames: [],
    vscodeLanguageIds: ["json"],
  },
  yaml: {
    id: "yaml",
    title: "YAML",
    grammar: {
      wasm: "tree-sitter-yaml.wasm",
      wasmFrom: "@tree-sitter-grammars/tree-sitter-yaml/tree-sitter-yaml.wasm",
      nativeModule: "@tree-sitter-grammars/tree-sitter-yaml",
    },
    comments: HASH_TRAILING,
    extensions: [".yml", ".yaml"],
    fileNames: [],
    vscodeLanguageIds: ["yaml"],
    // The grammar's external scanner overflows its state past ~250 nested levels: refuse well before.
    maxIndentNesting: 200,
  },
  toml: {
    id: "toml",
    title: "TOML",
    grammar: {
      wasm: "tree-sitter-toml.wasm",
      wasmFrom: "@tree-sitter-grammars/tree-sitter-toml/tree-sitter-toml.wasm",
      nativeModule: "@tree-sitter-grammars/tree-sitter-toml",
    },
    comments: HASH_TRAILING,
    extensions: [".toml"],
    fileNames: [],
    vscodeLanguageIds: ["toml"],
  },
  ini: {
    id: "ini",
    title: "INI (platformio.ini, *.cfg)",
    // Only a wasm build of this grammar exists on npm: the native backend falls back to wasm.
    grammar: { wasm: "tree-sitter-ini.wasm", wasmFrom: "@vscode/tree-sitter-wasm/wasm/tree-sitter-ini.wasm" },
    comments: { line: [";", "#"], trailing: false },
    extensions: [".ini", ".cfg"],
    fileNames: [],
    vscodeLanguageIds: ["ini"],
  },
  keyvalue: {
    id: "keyvalue",
    title: "key/value configs (mosquitto.conf and kin)",
    grammar: {
      wasm: "tree-sitter-properties.wasm",
      wasmFrom: "tree-sitter-properties/tree-sitter-properties.wasm",
      nativeModule: "tree-sitter-properties",
    },
    comments: HASH_WHOLE_LINE,
    extensions: [".properties"],
    fileNames: ["mosquitto.conf", "*.conf"],
    vscodeLanguageIds: ["properties"],
  },
  devicetree: {
    id: "devicetree",
    title: "Devicetree",
    grammar: {
      wasm: "tree-sitter-devicetree.wasm",
      wasmFrom: "tree-sitter-devicetree/tree-sitter-devicetree.wasm",
      nativeModule: "tree-sitter-devicetree",
    },
    comments: C_COMMENTS,
    extensions: [".dts", ".dtsi", ".overlay"],
    fileNames: [],
    vscodeLanguageIds: ["dts"],
  },
  pem: {
    id: "pem",
    title: "PEM keys and certificates",
    comments: NO_COMMENTS,
    extensions: [".pem", ".key", ".crt"],
    fileNames: [],
    vscodeLanguageIds: [],
  },
};

export const LANGUAGE_IDS = Object.keys(LANGUAGES) as LanguageId[];

export function isLanguageId(value: string): value is LanguageId {
  return Object.prototype.hasOwnProperty.call(LANGUAGES, value);
}

/** Base name of a slash- or backslash-separated path, without touching Node's `path`. */
export function baseName(filePath: string): string {
  const cut = Math.max(filePath.lastIndexOf("/"), filePath.lastIndexOf("\\"));
  return cut >= 0 ? filePath.slice(cut + 1) : filePath;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** Matches a base name against the simple `*`-only globs used in `fileNames`. */
export function matchesNameGlob(name: string, glob: string): boolean {
  const parts = glob.split("*");
  if (parts.length === 1) return name === glob;
  const first = parts[0] ?? "";
  const last = parts[parts.length - 1] ?? "";
  if (!name.startsWith(first) || name.length < first.length + last.length) return false;
  let cursor = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = name.indexOf(parts[i] ?? "", cursor);
    if (found < 0) return false;
    cursor = found + (parts[i] ?? "").length;
  }
  return name.endsWith(last) && name.length - last.length >= cursor;
}

const NOT_CONFIG_EXTENSIONS = new Set([".cmake", ".txt", ".md", ".rst", ".py", ".sh", ".bak", ".orig", ".rej", ".swp"]);
const KCONFIG_LINE = /^[ \t]*(?:# )?CONFIG_[A-Za-z0-9_]+(?:=| is not set)/m;
const SNIFF_BYTES = 4096;

/** Whether a `*.conf` file's head holds Kconfig symbol assignments. */
export function looksLikeKconfigValues(head: string): boolean {
  return KCONFIG_LINE.test(head.slice(0, SNIFF_BYTES));
}

/**
 * The language of a file, from its name and, only for ambiguous names such as `*.conf`, a look at
 * its first lines. `undefined` means Sterile does not lint it.
 */
export function detectLanguage(filePath: string, head?: () => string): LanguageId | undefined {
  const name = baseName(filePath);
  const ext = extensionOf(name);
  // A known extension wins (`sdkconfig.h` and `sdkconfig.json` are generated C and JSON); then
  // exact names (`prj.conf` is always Kconfig); generated build-system files are nobody's.
  for (const id of LANGUAGE_IDS) {
    if (ext && LANGUAGES[id].extensions.includes(ext)) return id;
  }
  if (NOT_CONFIG_EXTENSIONS.has(ext)) return undefined;
  for (const id of ["kconfig", "kconfig-def"] as const) {
    if (LANGUAGES[id].fileNames.some((glob) => matchesNameGlob(name, glob))) return id;
  }
  if (name === "mosquitto.conf") return "keyvalue";
  if (ext === ".conf") {
    return head && looksLikeKconfigValues(head()) ? "kconfig" : "keyvalue";
  }
  return undefined;
}

/** Globs (relative to any folder) for every file name the registry accepts; for editor selectors and walkers. */
export function fileGlobs(): string[] {
  const globs = new Set<string>();
  for (const id of LANGUAGE_IDS) {
    for (const ext of LANGUAGES[id].extensions) globs.add(`**/*${ext}`);
    for (const name of LANGUAGES[id].fileNames) globs.add(`**/${name}`);
  }
  return [...globs].sort();
}
