/*
 * SleepAir S9 - connectivity module main.
 * SPDX-License-Identifier: LicenseRef-SleepAir
 */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/dfu/mcuboot.h>
#include <modem/lte_lc.h>
#include <modem/nrf_modem_lib.h>
#include "sleepair.h"

LOG_MODULE_REGISTER(sa_main, LOG_LEVEL_INF);

void sleepair_blower_start(void);

int main(void)
{
	int err = nrf_modem_lib_init();

	if (err) {
		LOG_ERR("modem init failed (%d)", err);
	}
	sleepair_blower_start();
	if (!boot_is_img_confirmed()) {
		boot_write_img_confirmed();
	}
	err = lte_lc_connect();
	if (err == 0 && sleepair_lwm2m_start(false) != 0) {
		LOG_WRN("DTLS bootstrap failed, trying plain bootstrap");
		sleepair_lwm2m_start(true);
	}
	return 0;
}
