// Finds the files to scan under the paths named on the command line: honours every `.gitignore`
// on the way down and `--exclude` globs (relative to the project root), never follows directory
// symlinks (loops), and reports what it cannot read instead of dropping it.

import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { detectLanguage, type LanguageId } from "../../../grammars/registry.ts";

export interface WalkedFile {
  readonly absolute: string;
  /** Relative to the project root, `/`-separated. */
  readonly path: string;
  readonly size: number;
  /** Resolved later for ambiguous names (`*.conf`) once the head is read. */
  readonly language: LanguageId | "sniff";
}

export type SkipReason = "binary" | "too-large" | "unreadable" | "not-a-regular-file" | "symlink-loop" | "time-budget" | "decode-error" | "parse-error" | "outside-root";

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
  readonly detail: string;
}

export interface WalkOptions {
  readonly root: string;
  readonly exclude: readonly string[];
  readonly respectGitignore: boolean;
}

export interface WalkResult {
  readonly files: WalkedFile[];
  readonly skipped: SkippedFile[];
}

/** Never descended into: version-control internals and package caches. */
const ALWAYS_SKIPPED_DIRS = new Set([".git", ".hg", ".svn", "node_modules"]);
/** Sterile's own files: its config names rules (`hardcoded-credential: off`), the baseline holds fingerprints. */
const OWN_FILES = new Set([".sterile.yml", ".sterile.yaml", ".sterile.json", ".sterile-baseline.json"]);

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

interface IgnoreLayer {
  readonly base: string; // relative to root, posix, "" for root
  readonly matcher: Ignore;
}

function ignoredByLayers(layers: readonly IgnoreLayer[], path: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = layer.base === "" ? path : path.startsWith(`${layer.base}/`) ? path.slice(layer.base.length + 1) : undefined;
    if (rel === undefined || rel === "") continue;
    if (layer.matcher.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function languageFor(name: string): LanguageId | "sniff" | undefined {
  if (name.toLowerCase().endsWith(".conf")) {
    const known = detectLanguage(name);
    // `prj.conf`, `mosquitto.conf` are known by name; other `*.conf` need a look inside.
    return known === "keyvalue" && name !== "mosquitto.conf" ? "sniff" : known;
  }
  return detectLanguage(name);
}

export async function walk(paths: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const files: WalkedFile[] = [];
  const skipped: SkippedFile[] = [];
  const excluded = options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false;
  const isExcluded = (path: string) => excluded(path) || excluded(`${path}/`);
  const seen = new Set<string>();
  let resolvedRoot: string | undefined;
  const realRoot = async () => (resolvedRoot ??= await realpath(options.root).catch(() => options.root));

  const readGitignore = async (dirAbsolute: string, dirRel: string): Promise<IgnoreLayer | undefined> => {
    if (!options.respectGitignore) return undefined;
    try {
      const text = await readFile(join(dirAbsolute, ".gitignore"), "utf8");
      return { base: dirRel, matcher: ignore().add(text) };
    } catch {
      return undefined;
    }
  };

  const addFile = (absolute: string, size: number, explicit: boolean) => {
    const path = toPosix(relative(options.root, absolute)) || absolute;
    if (seen.has(path)) return;
    seen.add(path);
    const language = languageFor(absolute);
    if (!language) return;
    if (!explicit && isExcluded(path)) return;
    files.push({ absolute, path, size, language });
  };

  const visitDir = async (dirAbsolute: string, layers: IgnoreLayer[]): Promise<void> => {
    const dirRel = toPosix(relative(options.root, dirAbsolute));
    const own = await readGitignore(dirAbsolute, dirRel.startsWith("..") ? "" : dirRel);
    const active = own ? [...layers, own] : layers;
    let entries;
    try {
      entries = await readdir(dirAbsolute, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: dirRel || ".", reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dirAbsolute, entry.name);
      const path = toPosix(relative(options.root, absolute));
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
        if (isExcluded(path) || ignoredByLayers(active, path, true)) continue;
        await visitDir(absolute, active);
        continue;
      }
      if (OWN_FILES.has(entry.name) || isExcluded(path) || ignoredByLayers(active, path, false)) continue;
      if (!languageFor(entry.name)) continue;
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(absolute);
          // A link out of the project would have CI read (and print code frames of) files nobody reviewed.
          const real = await realpath(absolute);
          if (!isInside(await realRoot(), real)) {
            skipped.push({ path, reason: "outside-root", detail: "symbolic link to a file outside the project" });
            continue;
          }
          if (target.isFile()) addFile(absolute, target.size, false);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          skipped.push({ path, reason: code === "ELOOP" ? "symlink-loop" : "unreadable", detail: code ?? String(error) });
        }
        continue;
      }
      if (!entry.isFile()) {
        skipped.push({ path, reason: "not-a-regular-file", detail: "FIFO, socket or device" });
        continue;
      }
      try {
        const info = await lstat(absolute);
        addFile(absolute, info.size, false);
      } catch (error) {
        skipped.push({ path, reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? String(error) });
      }
    }
  };

  /** `.gitignore` files between the project root and a scanned folder still apply inside it. */
  const ancestorLayers = async (dirAbsolute: string): Promise<IgnoreLayer[]> => {
    const rel = toPosix(relative(options.root, dirAbsolute));
    if (rel === "" || rel.startsWith("..")) return [];
    const layers: IgnoreLayer[] = [];
    const parts = rel.split("/");
    for (let i = 0; i < parts.length; i++) {
      const base = parts.slice(0, i).join("/");
      const layer = await readGitignore(join(options.root, ...parts.slice(0, i)), base);
      if (layer) layers.push(layer);
    }
    return layers;
  };

  for (const start of paths) {
    const info = await stat(start);
    if (info.isDirectory()) await visitDir(start, await ancestorLayers(start));
    else if (info.isFile()) addFile(start, info.size, true);
    else skipped.push({ path: toPosix(relative(options.root, start)), reason: "not-a-regular-file", detail: "FIFO, socket or device" });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}
