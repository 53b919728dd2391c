/*
 * GlucoTrack G3 - potentiostat analog front end on SPI.
 * SPDX-License-Identifier: LicenseRef-GlucoTrack-Proprietary
 */
#include <zephyr/kernel.h>
#include <zephyr/device.h>
#include <zephyr/drivers/spi.h>
#include <zephyr/drivers/gpio.h>
#include <zephyr/logging/log.h>
#include "gluco.h"

LOG_MODULE_REGISTER(gluco_afe, LOG_LEVEL_INF);

#define AFE_NODE DT_ALIAS(afe)
#define AFE_REG_STATUS   0x00
#define AFE_REG_CURRENT  0x04
#define AFE_REG_TEMP     0x08
#define AFE_STATUS_READY BIT(0)

/* Sensitivity of the G3 enzyme electrode, nA per mg/dL, from the lot's calibration. */
#define AFE_DEFAULT_SENSITIVITY_NA 0.035f

static const struct spi_dt_spec afe = SPI_DT_SPEC_GET(AFE_NODE, SPI_WORD_SET(8) | SPI_TRANSFER_MSB, 0);
static float sensitivity = AFE_DEFAULT_SENSITIVITY_NA;
static uint16_t history[GLUCO_TREND_WINDOW];
static size_t history_len;

static int afe_read_reg(uint8_t reg, uint32_t *value)
{
	uint8_t tx[5] = { reg | 0x80 };
	uint8_t rx[5] = { 0 };
	const struct spi_buf tx_buf = { .buf = tx, .len = sizeof(tx) };
	const struct spi_buf rx_buf = { .buf = rx, .len = sizeof(rx) };
	const struct spi_buf_set txs = { .buffers = &tx_buf, .count = 1 };
	const struct spi_buf_set rxs = { .buffers = &rx_buf, .count = 1 };
	int err = spi_transceive_dt(&afe, &txs, &rxs);

	if (err) {
		return err;
	}
	*value = sys_get_be32(&rx[1]);
	return 0;
}

int gluco_afe_init(void)
{
	uint32_t status;

	if (!spi_is_ready_dt(&afe)) {
		LOG_ERR("AFE not ready");
		return -ENODEV;
	}
	return afe_read_reg(AFE_REG_STATUS, &status);
}

static int8_t trend_of(uint16_t mgdl)
{
	if (history_len < GLUCO_TREND_WINDOW) {
		history[history_len++] = mgdl;
		return 0;
	}
	memmove(history, history + 1, (GLUCO_TREND_WINDOW - 1) * sizeof(history[0]));
	history[GLUCO_TREND_WINDOW - 1] = mgdl;
	int delta = (int)history[GLUCO_TREND_WINDOW - 1] - (int)history[0];
	return (int8_t)CLAMP(delta / 5, -3, 3);
}

int gluco_afe_read(struct gluco_reading *out)
{
	uint32_t status, raw_current;
	int err = afe_read_reg(AFE_REG_STATUS, &status);

	if (err || !(status & AFE_STATUS_READY)) {
		return err ? err : -EAGAIN;
	}
	err = afe_read_reg(AFE_REG_CURRENT, &raw_current);
	if (err) {
		return err;
	}
	float nanoamps = (float)(int32_t)raw_current / 1000.0f;
	float mgdl = nanoamps / sensitivity;

	out->mgdl = (uint16_t)CLAMP(mgdl, GLUCO_MGDL_MIN, GLUCO_MGDL_MAX);
	out->trend = trend_of(out->mgdl);
	out->quality = (mgdl < GLUCO_MGDL_MIN || mgdl > GLUCO_MGDL_MAX) ? 1 : 0;
	return 0;
}
