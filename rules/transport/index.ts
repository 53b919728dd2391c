import type { Rule } from "../../server/src/engine/types.ts";
import cleartextUrl from "./cleartext-url/rule.ts";
import mqttPlaintextPort from "./mqtt-plaintext-port/rule.ts";
import tlsDisabled from "./tls-disabled/rule.ts";
import tlsVerificationDisabled from "./tls-verification-disabled/rule.ts";

export const transportRules: readonly Rule[] = [cleartextUrl, mqttPlaintextPort, tlsDisabled, tlsVerificationDisabled];
