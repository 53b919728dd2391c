import type { Rule } from "../../server/src/engine/types.ts";
import imageSignatureDisabled from "./image-signature-disabled/rule.ts";
import mcubootDevSigningKey from "./mcuboot-dev-signing-key/rule.ts";
import otaHttpAllowed from "./ota-http-allowed/rule.ts";
import updateCheckDisabled from "./update-check-disabled/rule.ts";
import verificationAlwaysSucceeds from "./verification-always-succeeds/rule.ts";

export const updateRules: readonly Rule[] = [
  imageSignatureDisabled,
  mcubootDevSigningKey,
  otaHttpAllowed,
  updateCheckDisabled,
  verificationAlwaysSucceeds,
];
