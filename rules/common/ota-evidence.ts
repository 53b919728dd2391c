// What in an ESP-IDF sdkconfig says the build takes over-the-air updates: OTA app slots in the
// partition table, the bootloader's app rollback, esp_https_ota options, a firmware update URL.
// Rules whose finding only matters on an OTA-capable build (no signature check of updates, no
// anti-rollback) take these entries as evidence and show them as related locations.

import { switchValue, type ConfigEntry } from "../../server/src/engine/config-entries.ts";
import { isUpdateUrlName } from "./update-names.ts";

/** Why an entry makes the build OTA-capable, or undefined when it does not. */
export function espOtaEvidence(entry: ConfigEntry): string | undefined {
  const key = entry.key;
  const on = switchValue(entry) === true;
  if (key.startsWith("CONFIG_PARTITION_TABLE_TWO_OTA") && on) return `${key}: the partition table has OTA app slots`;
  if (key === "CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE" && on) return `${key}: the bootloader manages OTA app rollback`;
  if (key.startsWith("CONFIG_ESP_HTTPS_OTA_") && on) return `${key}: esp_https_ota is configured`;
  if (isUpdateUrlName(key) && entry.kind === "string" && entry.value.trim() !== "") return `${key}: the build has a firmware update URL`;
  return undefined;
}
