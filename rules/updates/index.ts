import type { Rule } from "../../server/src/engine/types.ts";

export const updateRules: readonly Rule[] = [];
