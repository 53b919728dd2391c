/*
 * DoseLog SP-2 - dose history in a flash circular buffer (FCB).
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>
#include <zephyr/kernel.h>
#include <zephyr/fs/fcb.h>
#include <zephyr/storage/flash_map.h>
#include <zephyr/sys/crc.h>
#include <zephyr/logging/log.h>
#include "dose_log.h"

LOG_MODULE_REGISTER(dose_log, LOG_LEVEL_INF);

#define DOSE_LOG_PARTITION storage_partition
#define DOSE_LOG_SECTORS   4

static struct fcb dose_fcb;
static struct flash_sector sectors[DOSE_LOG_SECTORS];
static struct dose_entry latest;
static bool have_latest;

uint16_t dose_log_entry_crc(const struct dose_entry *e)
{
	/* Record integrity against bit flips in flash, not an image check. */
	return crc16_ccitt(0xffff, (const uint8_t *)e, offsetof(struct dose_entry, crc));  // ok: record CRC, not a firmware image
}

static int walk_cb(struct fcb_entry_ctx *ctx, void *arg)
{
	struct dose_entry e;

	if (flash_area_read(ctx->fap, FCB_ENTRY_FA_DATA_OFF(ctx->loc), &e, sizeof(e)) == 0 &&
	    e.crc == dose_log_entry_crc(&e)) {
		latest = e;
		have_latest = true;
	}
	return 0;
}

int dose_log_init(void)
{
	uint32_t count = DOSE_LOG_SECTORS;
	int err = flash_area_get_sectors(FIXED_PARTITION_ID(DOSE_LOG_PARTITION), &count, sectors);

	if (err) {
		return err;
	}
	dose_fcb.f_magic = 0x444f5345;
	dose_fcb.f_version = 1;
	dose_fcb.f_sector_cnt = count;
	dose_fcb.f_scratch_cnt = 1;
	dose_fcb.f_sectors = sectors;
	err = fcb_init(FIXED_PARTITION_ID(DOSE_LOG_PARTITION), &dose_fcb);
	if (err) {
		return err;
	}
	return fcb_walk(&dose_fcb, NULL, walk_cb, NULL);
}

int dose_log_append(struct dose_entry *e)
{
	struct fcb_entry loc;
	int err;

	e->crc = dose_log_entry_crc(e);
	err = fcb_append(&dose_fcb, sizeof(*e), &loc);
	if (err == -ENOSPC) {
		fcb_rotate(&dose_fcb);
		err = fcb_append(&dose_fcb, sizeof(*e), &loc);
	}
	if (err) {
		return err;
	}
	err = flash_area_write(dose_fcb.fap, FCB_ENTRY_FA_DATA_OFF(loc), e, sizeof(*e));
	if (err == 0) {
		err = fcb_append_finish(&dose_fcb, &loc);
		latest = *e;
		have_latest = true;
	}
	return err;
}

int dose_log_latest(struct dose_entry *out)
{
	if (!have_latest) {
		return -ENOENT;
	}
	*out = latest;
	return 0;
}
