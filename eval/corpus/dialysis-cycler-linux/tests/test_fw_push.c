/*
 * HemoHome C2 - unit tests for the controller image checks (cmocka).
 * SPDX-License-Identifier: LicenseRef-HemoHome
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>
#include <cmocka.h>
#include "../src/cycler.h"

int hemo_uart_bootloader_flash(const uint8_t *image, size_t len)
{
	(void)image;
	return len > 0 ? 0 : -1;
}

static void write_image(const char *path, uint32_t magic, int corrupt)
{
	uint8_t body[1024];
	uint32_t hdr[4];
	memset(body, 0xa5, sizeof(body));
	hdr[0] = magic;
	hdr[1] = 0x00020001;
	hdr[2] = sizeof(body);
	hdr[3] = (uint32_t)crc32(0L, body, sizeof(body));  // ok: test fixture builds a header
	if (corrupt) {
		body[10] ^= 1;
	}
	FILE *f = fopen(path, "wb");
	fwrite(hdr, sizeof(hdr), 1, f);
	fwrite(body, sizeof(body), 1, f);
	fclose(f);
}

static void test_good_image_is_flashed(void **state)
{
	(void)state;
	write_image("/tmp/ctrl-good.bin", 0x48433243u, 0);
	assert_int_equal(hemo_fw_push_file("/tmp/ctrl-good.bin"), 0);
}

static void test_corrupt_image_is_rejected(void **state)
{
	(void)state;
	write_image("/tmp/ctrl-bad.bin", 0x48433243u, 1);
	assert_int_equal(hemo_fw_push_file("/tmp/ctrl-bad.bin"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_image_is_flashed),
		cmocka_unit_test(test_corrupt_image_is_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
