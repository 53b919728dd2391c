/*
 * GlucoTrack G3 - main loop.
 * SPDX-License-Identifier: LicenseRef-GlucoTrack-Proprietary
 */
#include <stdio.h>
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/drivers/hwinfo.h>
#include <zephyr/dfu/mcuboot.h>
#include "gluco.h"

LOG_MODULE_REGISTER(gluco_main, LOG_LEVEL_INF);

static char device_id[17];

static void read_device_id(void)
{
	uint8_t raw[8];
	ssize_t len = hwinfo_get_device_id(raw, sizeof(raw));

	for (ssize_t i = 0; i < len; i++) {
		snprintf(&device_id[i * 2], 3, "%02x", raw[i]);
	}
}

int main(void)
{
	struct gluco_reading reading;
	int64_t epoch_ms = 0;
	int err;

	read_device_id();
	LOG_INF("GlucoTrack G3 %s", device_id);

	if (!boot_is_img_confirmed()) {
		/* Confirm only after the sensor and radio came up. */
		if (gluco_afe_init() == 0 && gluco_ble_init() == 0) {
			boot_write_img_confirmed();
		}
	} else {
		gluco_afe_init();
		gluco_ble_init();
	}

	gluco_dfu_init();
	err = gluco_cloud_init(device_id);
	if (err) {
		LOG_WRN("cloud unavailable (%d), BLE only", err);
	}
	if (gluco_time_sync(&epoch_ms) == 0) {
		LOG_INF("time synchronised");
	}

	while (1) {
		if (gluco_afe_read(&reading) == 0) {
			reading.timestamp_ms = epoch_ms + k_uptime_get();
			gluco_ble_notify(&reading);
			(void)gluco_cloud_publish(&reading);
		}
		k_sleep(K_SECONDS(CONFIG_GLUCO_SAMPLE_PERIOD_S));
	}
	return 0;
}
