import type { Rule } from "../../server/src/engine/types.ts";
import imageSignatureDisabled from "./image-signature-disabled/rule.ts";
import mcubootDevSigningKey from "./mcuboot-dev-signing-key/rule.ts";
import otaHttpAllowed from "./ota-http-allowed/rule.ts";
import updateCheckDisabled from "./update-check-disabled/rule.ts";
import verificationAlwaysSucceeds from "./verification-always-succeeds/rule.ts";
import secureBootWeakened from "./secure-boot-weakened/rule.ts";
import flashEncryptionWeakened from "./flash-encryption-weakened/rule.ts";
import antiRollbackDisabled from "./anti-rollback-disabled/rule.ts";
import signatureCheckCompiledOut from "./signature-check-compiled-out/rule.ts";
import crcOnlyImageCheck from "./crc-only-image-check/rule.ts";

export const updateRules: readonly Rule[] = [
  imageSignatureDisabled,
  mcubootDevSigningKey,
  otaHttpAllowed,
  updateCheckDisabled,
  verificationAlwaysSucceeds,
  secureBootWeakened,
  flashEncryptionWeakened,
  antiRollbackDisabled,
  signatureCheckCompiledOut,
  crcOnlyImageCheck,
];
