import type { Rule } from "../../server/src/engine/types.ts";
import invalidSuppression from "./invalid-suppression/rule.ts";

export const suppressionRules: readonly Rule[] = [invalidSuppression];
