// The catalog: every rule Sterile ships, in a stable order (family, then id). Each family folder
// lists its rules in its own index; a test checks that every `rules/<family>/<id>/rule.ts` on disk
// is in the catalog.

import type { Rule } from "../server/src/engine/types.ts";
import { credentialRules } from "./credentials/index.ts";
import { transportRules } from "./transport/index.ts";
import { updateRules } from "./updates/index.ts";
import { debugAccessRules } from "./debug-access/index.ts";
import { suppressionRules } from "./suppression/index.ts";

const FAMILY_ORDER = ["credentials", "transport", "updates", "debug-access", "suppression"];

export const allRules: readonly Rule[] = [...credentialRules, ...transportRules, ...updateRules, ...debugAccessRules, ...suppressionRules].sort(
  (a, b) => FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family) || (a.id < b.id ? -1 : 1),
);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id || rule.aliases?.includes(id));
}
