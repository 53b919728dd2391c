// Turns the project config into what the engine needs for one file: severities per rule (base
// `rules`, then matching `overrides`, later ones winning) and how the file's role grades findings.

import picomatch from "picomatch/posix";
import type { SeverityOrOff } from "../engine/types.ts";
import { DEFAULT_CONTEXT_POLICY, fileRole, type ContextPolicy, type FileRole } from "./file-role.ts";
import type { ProjectConfig } from "./project-config.ts";

export interface FilePolicy {
  readonly role: FileRole;
  readonly grade: ContextPolicy;
  readonly severities: ReadonlyMap<string, SeverityOrOff>;
}

export class PolicyResolver {
  private readonly overrides: { match: (path: string) => boolean; rules: ReadonlyMap<string, SeverityOrOff> }[];

  constructor(
    readonly config: ProjectConfig,
    /** Settings from the editor, applied before the project file (the file wins). */
    private readonly base: ReadonlyMap<string, SeverityOrOff> = new Map(),
  ) {
    this.overrides = config.overrides.map((o) => ({ match: picomatch([...o.files], { dot: true }), rules: o.rules }));
  }

  forFile(path: string): FilePolicy {
    const severities = new Map(this.base);
    for (const [id, severity] of this.config.rules) severities.set(id, severity);
    for (const override of this.overrides) {
      if (override.match(path)) for (const [id, severity] of override.rules) severities.set(id, severity);
    }
    const role = fileRole(path);
    return { role, grade: this.config.context[role] ?? DEFAULT_CONTEXT_POLICY[role], severities };
  }
}
