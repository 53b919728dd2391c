import type { Rule } from "../../server/src/engine/types.ts";

export const transportRules: readonly Rule[] = [];
