/*
 * GlucoTrack G3 - firmware download over the cellular link into the secondary slot.
 * SPDX-License-Identifier: LicenseRef-GlucoTrack-Proprietary
 *
 * The image is signed by the release pipeline; MCUboot checks the ECDSA-P256 signature
 * and the security counter before it swaps, so the CRC below only detects a broken
 * transfer early and saves a reboot.
 */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/dfu/flash_img.h>
#include <zephyr/dfu/mcuboot.h>
#include <zephyr/sys/crc.h>
#include "gluco.h"

LOG_MODULE_REGISTER(gluco_dfu, LOG_LEVEL_INF);

static struct flash_img_context img_ctx;
static uint32_t running_crc;
static size_t received;

int gluco_dfu_begin(void)
{
	running_crc = 0;
	received = 0;
	return flash_img_init(&img_ctx);
}

int gluco_dfu_chunk(const uint8_t *data, size_t len, bool last)
{
	running_crc = crc32_ieee_update(running_crc, data, len);
	received += len;
	return flash_img_buffered_write(&img_ctx, data, len, last);
}

int gluco_dfu_finish(uint32_t expected_crc)
{
	if (running_crc != expected_crc) {  // ok: transfer check only, MCUboot verifies the signature before swap
		LOG_ERR("transfer CRC mismatch after %zu bytes", received);
		return -EBADMSG;
	}
	LOG_INF("image stored (%zu bytes), requesting test swap", received);
	return boot_request_upgrade(BOOT_UPGRADE_TEST);
}

int gluco_dfu_init(void)
{
	/* Nothing pending: make sure a half-written slot is not marked for swap. */
	return boot_erase_img_bank(FIXED_PARTITION_ID(slot1_partition)) == 0 ? 0 : -EIO;
}
