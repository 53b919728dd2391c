/*
 * DoseLog SP-2 - main: detect a dose from dial rotation and cap events, log it, advertise.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <zephyr/kernel.h>
#include <zephyr/device.h>
#include <zephyr/drivers/gpio.h>
#include <zephyr/drivers/sensor.h>
#include <zephyr/logging/log.h>
#include "dose_log.h"

LOG_MODULE_REGISTER(doselog, LOG_LEVEL_INF);

#define UNITS_PER_REV 20

static const struct device *const dial = DEVICE_DT_GET(DT_ALIAS(dial));
static const struct gpio_dt_spec cap = GPIO_DT_SPEC_GET(DT_ALIAS(cap_switch), gpios);

int pen_ble_init(void);
void pen_ble_notify_dose(const struct dose_entry *e);

static int32_t read_angle_cdeg(void)
{
	struct sensor_value val;

	if (sensor_sample_fetch(dial) || sensor_channel_get(dial, SENSOR_CHAN_ROTATION, &val)) {
		return -1;
	}
	return val.val1 * 100 + val.val2 / 10000;
}

int main(void)
{
	int32_t start_angle = -1;
	bool cap_was_off = false;

	if (!device_is_ready(dial) || !gpio_is_ready_dt(&cap)) {
		LOG_ERR("hardware not ready");
		return 0;
	}
	gpio_pin_configure_dt(&cap, GPIO_INPUT);
	dose_log_init();
	pen_ble_init();

	while (1) {
		bool cap_off = gpio_pin_get_dt(&cap) == 1;

		if (cap_off && !cap_was_off) {
			start_angle = read_angle_cdeg();
		} else if (!cap_off && cap_was_off && start_angle >= 0) {
			int32_t delta = read_angle_cdeg() - start_angle;
			struct dose_entry e = {
				.uptime_s = k_uptime_get() / 1000,
				.units_x10 = (uint16_t)((delta * UNITS_PER_REV * 10) / 36000),
			};
			if (e.units_x10 > 0 && dose_log_append(&e) == 0) {
				pen_ble_notify_dose(&e);
			}
		}
		cap_was_off = cap_off;
		k_msleep(CONFIG_DOSELOG_SENSOR_POLL_MS);
	}
	return 0;
}
