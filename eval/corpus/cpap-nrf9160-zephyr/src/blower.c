/*
 * SleepAir S9 - blower speed control from the pressure set point (PI loop at 100 Hz).
 * SPDX-License-Identifier: LicenseRef-SleepAir
 */
#include <zephyr/kernel.h>
#include <zephyr/drivers/pwm.h>
#include <zephyr/drivers/sensor.h>
#include <zephyr/logging/log.h>
#include "sleepair.h"

LOG_MODULE_REGISTER(sa_blower, LOG_LEVEL_INF);

static const struct pwm_dt_spec blower = PWM_DT_SPEC_GET(DT_ALIAS(blower_pwm));
static const struct device *const flow = DEVICE_DT_GET(DT_ALIAS(flow_sensor));

static uint8_t setpoint_cmh2o;
static int32_t integral;

#define KP 180
#define KI 12

int sleepair_blower_set_cmh2o(uint8_t cmh2o)
{
	if (cmh2o > CONFIG_SLEEPAIR_PRESSURE_MAX_CMH2O) {
		return -EINVAL;
	}
	setpoint_cmh2o = cmh2o;
	return 0;
}

bool sleepair_therapy_active(void)
{
	return setpoint_cmh2o > 0;
}

static void control_tick(struct k_timer *t)
{
	struct sensor_value val;

	if (sensor_sample_fetch(flow) || sensor_channel_get(flow, SENSOR_CHAN_PRESS, &val)) {
		return;
	}
	/* kPa -> 0.1 cmH2O */
	int32_t measured = (val.val1 * 1000 + val.val2 / 1000) * 102 / 1000;
	int32_t error = (int32_t)setpoint_cmh2o * 10 - measured;

	integral = CLAMP(integral + error, -5000, 5000);
	int32_t duty = CLAMP(KP * error + KI * integral, 0, (int32_t)blower.period);
	pwm_set_pulse_dt(&blower, (uint32_t)duty);
}

K_TIMER_DEFINE(control_timer, control_tick, NULL);

void sleepair_blower_start(void)
{
	if (!pwm_is_ready_dt(&blower) || !device_is_ready(flow)) {
		LOG_ERR("blower hardware not ready");
		return;
	}
	k_timer_start(&control_timer, K_MSEC(10), K_MSEC(10));
}
