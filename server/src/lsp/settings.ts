// The editor settings the server reads (`sterile.*`), validated: a wrong value is dropped with a
// message naming the setting and what was expected, never a dead server. The project config file
// (pipeline issue) will feed the same shape; settings win over it (see README, "Settings").

import type { SeverityOrOff } from "../engine/types.ts";

export interface Settings {
  readonly enable: boolean;
  /** Per-rule severity overrides, keyed by canonical rule id. */
  readonly rules: ReadonlyMap<string, SeverityOrOff>;
  /** Globs relative to the workspace folder, as for `sterile scan --exclude`. */
  readonly exclude: readonly string[];
  /** Show suppressed findings too (as notes naming their justification), for reviewing accepted risks. */
  readonly showSuppressed: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: new Map(), exclude: [], showSuppressed: false };

export interface ParsedSettings {
  readonly settings: Settings;
  /** One line per problem, naming the setting. */
  readonly problems: string[];
}

const SEVERITIES: readonly SeverityOrOff[] = ["off", "note", "warning", "error"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "string" ? JSON.stringify(value) : `a ${typeof value}`;
}

/**
 * Validates the `sterile` settings section. `resolveRule` maps a rule id or alias to its canonical
 * id, or `undefined` when no rule has it.
 */
export function parseSettings(raw: unknown, resolveRule: (id: string) => string | undefined): ParsedSettings {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problems };
  if (!isRecord(raw)) {
    return { settings: DEFAULT_SETTINGS, problems: [`sterile: expected an object of settings, got ${describe(raw)}; using defaults`] };
  }

  let enable = true;
  if (raw.enable !== undefined) {
    if (typeof raw.enable === "boolean") enable = raw.enable;
    else problems.push(`sterile.enable must be true or false (got ${describe(raw.enable)}); Sterile stays enabled`);
  }

  const rules = new Map<string, SeverityOrOff>();
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!isRecord(raw.rules)) {
      problems.push(`sterile.rules must map rule ids to off, note, warning or error (got ${describe(raw.rules)}); ignored`);
    } else {
      for (const [id, level] of Object.entries(raw.rules)) {
        const canonical = resolveRule(id);
        if (!canonical) {
          problems.push(`sterile.rules: unknown rule "${id}" (ignored; run "sterile rules" for the list)`);
          continue;
        }
        if (typeof level !== "string" || !(SEVERITIES as readonly string[]).includes(level)) {
          problems.push(`sterile.rules.${id} must be one of ${SEVERITIES.join(", ")} (got ${describe(level)}); the rule keeps its default`);
          continue;
        }
        rules.set(canonical, level as SeverityOrOff);
      }
    }
  }

  const exclude: string[] = [];
  if (raw.exclude !== undefined && raw.exclude !== null) {
    if (!Array.isArray(raw.exclude)) {
      problems.push(`sterile.exclude must be a list of globs (got ${describe(raw.exclude)}); ignored`);
    } else {
      raw.exclude.forEach((glob: unknown, i) => {
        if (typeof glob === "string" && glob.trim() !== "") exclude.push(glob.trim());
        else problems.push(`sterile.exclude[${i}] must be a non-empty glob string (got ${describe(glob)}); ignored`);
      });
    }
  }

  let showSuppressed = false;
  if (raw.showSuppressed !== undefined && raw.showSuppressed !== null) {
    if (typeof raw.showSuppressed === "boolean") showSuppressed = raw.showSuppressed;
    else problems.push(`sterile.showSuppressed must be true or false (got ${describe(raw.showSuppressed)}); ignored`);
  }

  return { settings: { enable, rules, exclude, showSuppressed }, problems };
}

export function sameSettings(a: Settings, b: Settings): boolean {
  if (a.enable !== b.enable || a.showSuppressed !== b.showSuppressed || a.exclude.join("\n") !== b.exclude.join("\n") || a.rules.size !== b.rules.size) return false;
  for (const [id, level] of a.rules) if (b.rules.get(id) !== level) return false;
  return true;
}
