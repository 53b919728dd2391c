import type { Rule } from "../../server/src/engine/types.ts";
import bleJustWorksPairing from "./ble-just-works-pairing/rule.ts";
import cleartextUrl from "./cleartext-url/rule.ts";
import mqttAnonymousAccess from "./mqtt-anonymous-access/rule.ts";
import mqttPlaintextPort from "./mqtt-plaintext-port/rule.ts";
import tlsCaMissing from "./tls-ca-missing/rule.ts";
import tlsDisabled from "./tls-disabled/rule.ts";
import tlsHostnameNotChecked from "./tls-hostname-not-checked/rule.ts";
import tlsVerificationDisabled from "./tls-verification-disabled/rule.ts";
import tlsVerifyResultUnchecked from "./tls-verify-result-unchecked/rule.ts";
import weakTlsVersion from "./weak-tls-version/rule.ts";

export const transportRules: readonly Rule[] = [
  bleJustWorksPairing,
  cleartextUrl,
  mqttAnonymousAccess,
  mqttPlaintextPort,
  tlsCaMissing,
  tlsDisabled,
  tlsHostnameNotChecked,
  tlsVerificationDisabled,
  tlsVerifyResultUnchecked,
  weakTlsVersion,
];
