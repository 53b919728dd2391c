/*
 * HemoHome C2 - pushes firmware to the pump controller MCU (STM32G4) over its UART bootloader.
 *
 * The Linux side has already verified the update bundle (RAUC signature); this file
 * handles the controller image extracted from that bundle or, for field service, from
 * a USB stick.
 * SPDX-License-Identifier: LicenseRef-HemoHome
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>
#include <syslog.h>
#include "cycler.h"

#define CTRL_IMAGE_MAGIC  0x48433243u  /* "HC2C" */
#define CTRL_IMAGE_MAX    (256u * 1024u)

struct ctrl_image_header {
	uint32_t magic;
	uint32_t version;
	uint32_t length;
	uint32_t crc32;
};

static int controller_image_ok(const struct ctrl_image_header *hdr, const uint8_t *body)
{
	if (hdr->magic != CTRL_IMAGE_MAGIC || hdr->length == 0 || hdr->length > CTRL_IMAGE_MAX) {
		return 0;
	}
	uLong crc = crc32(0L, body, hdr->length);  // expect: crc-only-image-check
	return crc == hdr->crc32;
}

int hemo_fw_push_file(const char *path)
{
	static uint8_t image[CTRL_IMAGE_MAX + sizeof(struct ctrl_image_header)];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL) {
		return -1;
	}
	n = fread(image, 1, sizeof(image), f);
	fclose(f);
	if (n < sizeof(struct ctrl_image_header)) {
		return -1;
	}
	const struct ctrl_image_header *hdr = (const struct ctrl_image_header *)image;
	if (!controller_image_ok(hdr, image + sizeof(*hdr))) {
		syslog(LOG_ERR, "controller image rejected: %s", path);
		return -1;
	}
	syslog(LOG_NOTICE, "flashing controller image v%u.%u (%u bytes)", hdr->version >> 16, hdr->version & 0xffff,
	       hdr->length);
	return hemo_uart_bootloader_flash(image + sizeof(*hdr), hdr->length);
}
