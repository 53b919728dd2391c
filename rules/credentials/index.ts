import type { Rule } from "../../server/src/engine/types.ts";
import bleFixedPasskey from "./ble-fixed-passkey/rule.ts";
import hardcodedCredential from "./hardcoded-credential/rule.ts";
import privateKeyMaterial from "./private-key-material/rule.ts";

export const credentialRules: readonly Rule[] = [bleFixedPasskey, hardcodedCredential, privateKeyMaterial];
