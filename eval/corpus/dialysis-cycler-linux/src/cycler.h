/* HemoHome C2 - shared declarations. SPDX-License-Identifier: LicenseRef-HemoHome */
#ifndef HEMO_CYCLER_H
#define HEMO_CYCLER_H

#include <stddef.h>
#include <stdint.h>

#define HEMO_CONFIG_PATH   "/etc/hemohome/agent.ini"
#define HEMO_PASSWORD_ENV  "HEMO_MQTT_PASSWORD"  /* ok: environment variable name */

int hemo_cycler_status_json(char *buf, size_t cap);
int hemo_uart_bootloader_flash(const uint8_t *image, size_t len);
int hemo_fw_push_file(const char *path);

#endif
