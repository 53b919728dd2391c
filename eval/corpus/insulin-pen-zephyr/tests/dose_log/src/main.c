/* ztest: dose log record CRC and rotation. SPDX-License-Identifier: Apache-2.0 */
#include <zephyr/ztest.h>
#include "../../../src/dose_log.h"

ZTEST(dose_log, test_crc_detects_bitflip)
{
	struct dose_entry e = { .uptime_s = 1200, .units_x10 = 45 };

	e.crc = dose_log_entry_crc(&e);
	e.units_x10 ^= 0x1;
	zassert_not_equal(e.crc, dose_log_entry_crc(&e), "bit flip undetected");
}

ZTEST(dose_log, test_append_and_latest)
{
	struct dose_entry e = { .uptime_s = 60, .units_x10 = 120 };
	struct dose_entry out;

	zassert_ok(dose_log_init());
	zassert_ok(dose_log_append(&e));
	zassert_ok(dose_log_latest(&out));
	zassert_equal(out.units_x10, 120);
}

ZTEST_SUITE(dose_log, NULL, NULL, NULL, NULL, NULL);
