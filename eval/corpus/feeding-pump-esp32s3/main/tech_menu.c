/*
 * NutriFlow EF-3 - technician menu on the touch display.
 */
#include <string.h>
#include "esp_log.h"
#include "mbedtls/constant_time.h"
#include "sdkconfig.h"

static const char *TAG = "ef3.tech";

#define TECH_PIN_PROMPT "Technician password"  // ok: label shown on the display

static int s_failures;

bool ef3_tech_unlock(const char *entered)
{
    size_t len = strlen(CONFIG_EF3_TECH_PASSWORD);
    if (s_failures >= 5) {
        ESP_LOGW(TAG, "technician menu locked");
        return false;
    }
    if (strlen(entered) < CONFIG_EF3_TECH_PASSWORD_MIN_LEN || strlen(entered) != len ||
        mbedtls_ct_memcmp(entered, CONFIG_EF3_TECH_PASSWORD, len) != 0) {  // ok: Kconfig value, reported in Kconfig.projbuild
        s_failures++;
        return false;
    }
    s_failures = 0;
    return true;
}
