// The git questions `--changed-since` asks, with the scanned repository unable to run code:
// hooks, fsmonitor, external diff, textconv and filter drivers are all switched off, and the
// repository's config cannot name a pager.

import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export class GitError extends Error {}

/** Lines changed in the working tree relative to `ref`, per path relative to `root`; `"all"` for new files. */
export type ChangedLines = Map<string, "all" | [number, number][]>;

const SAFE_CONFIG = [
  "-c", "core.hooksPath=/dev/null",
  "-c", "core.fsmonitor=false",
  "-c", "core.pager=cat",
  "-c", "diff.external=",
  "-c", "core.attributesFile=/dev/null",
];

/**
 * Filter and diff drivers would run on the working tree; name each and empty it. Names come from the
 * attributes files, tracked or not (git reads an untracked `src/.gitattributes` too), and from the
 * repository's config: a driver that is defined there is emptied whatever names it.
 */
async function filterOverrides(root: string, attributeFiles: readonly string[]): Promise<string[]> {
  const names = new Set<string>(await configuredDrivers(root));
  for (const file of [join(root, ".gitattributes"), join(root, ".git", "info", "attributes"), ...attributeFiles]) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    for (const match of text.matchAll(/\b(?:filter|diff|merge)=([^\s]+)/g)) names.add(match[1]!);
  }
  // `-c key=value` splits at the first `=`: a name holding one could not be overridden. Refuse.
  const odd = [...names].find((name) => !/^[\w.-]+$/.test(name));
  if (odd !== undefined) throw new GitError(`--changed-since: the repository names a git driver "${odd}" that cannot be switched off safely; not running git here`);
  return [...names].flatMap((name) => [
    "-c", `filter.${name}.clean=`, "-c", `filter.${name}.smudge=`, "-c", `filter.${name}.process=`, "-c", `filter.${name}.required=false`,
    "-c", `diff.${name}.textconv=`, "-c", `diff.${name}.command=`,
  ]);
}

/** Drivers the config defines (`filter.<name>.clean`, `diff.<name>.textconv` …); a name may hold dots. */
async function configuredDrivers(root: string): Promise<string[]> {
  let keys: string;
  try {
    keys = await git(root, [], ["config", "--name-only", "--get-regexp", "^(filter|diff)\\..+\\.(clean|smudge|process|textconv|command)$"]);
  } catch {
    return []; // git exits 1 when no key matches
  }
  return keys.split("\n").filter(Boolean).map((key) => key.slice(key.indexOf(".") + 1, key.lastIndexOf(".")));
}

async function git(root: string, extra: readonly string[], args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run("git", [...SAFE_CONFIG, ...extra, ...args], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, GIT_EXTERNAL_DIFF: "", GIT_PAGER: "cat", GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" },
    });
    return stdout;
  } catch (error) {
    const err = error as { stderr?: string; message: string };
    throw new GitError((err.stderr || err.message).trim().split("\n")[0] ?? "git failed");
  }
}

export async function changedLinesSince(root: string, ref: string): Promise<ChangedLines> {
  try {
    await git(root, [], ["rev-parse", "--is-inside-work-tree"]);
  } catch {
    throw new GitError(`--changed-since needs a git repository; ${root} is not inside one`);
  }
  try {
    await git(root, [], ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new GitError(`--changed-since: "${ref}" is not a commit in this repository (in a shallow CI clone, fetch it first, e.g. git fetch --depth=1 origin ${ref})`);
  }
  const attributeFiles = (await git(root, [], ["ls-files", "-z", "--cached", "--others", "--", "*.gitattributes", ".gitattributes"])).split("\0").filter(Boolean).map((f) => join(root, f));
  const overrides = await filterOverrides(root, attributeFiles);
  const diff = await git(root, overrides, ["diff", "--no-ext-diff", "--no-textconv", "--no-color", "--no-renames", "--unified=0", "--diff-filter=ACMRT", "--end-of-options", ref, "--"]);
  const changed: ChangedLines = new Map();
  let current: string | undefined;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      const target = line.slice(4);
      current = target === "/dev/null" ? undefined : unquoteGitPath(target).replace(/^b\//, "");
      if (current && !changed.has(current)) changed.set(current, []);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      const ranges = changed.get(current);
      if (count > 0 && Array.isArray(ranges)) ranges.push([start, start + count - 1]);
    }
  }
  for (const file of (await git(root, [], ["ls-files", "-z", "--others", "--exclude-standard"])).split("\0").filter(Boolean)) changed.set(file, "all");
  return changed;
}

function unquoteGitPath(path: string): string {
  if (!path.startsWith('"')) return path;
  try {
    // git quotes unusual paths C-style with octal escapes for bytes.
    const bytes: number[] = [];
    const body = path.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      if (body[i] === "\\") {
        const oct = /^[0-7]{3}/.exec(body.slice(i + 1));
        if (oct) {
          bytes.push(parseInt(oct[0], 8));
          i += 3;
          continue;
        }
        const next = body[++i]!;
        bytes.push(({ n: 10, t: 9, '"': 34, "\\": 92 } as Record<string, number>)[next] ?? next.charCodeAt(0));
        continue;
      }
      bytes.push(...new TextEncoder().encode(body[i]!));
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  } catch {
    return path;
  }
}

/** Whether a finding spanning one-based lines [first, last] touches a changed line. */
export function touchesChange(changed: ChangedLines, path: string, first: number, last: number): boolean {
  const ranges = changed.get(path);
  if (!ranges) return false;
  if (ranges === "all") return true;
  return ranges.some(([a, b]) => first <= b && last >= a);
}
