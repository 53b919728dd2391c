/* SleepAir S9 - shared declarations. SPDX-License-Identifier: LicenseRef-SleepAir */
#ifndef SLEEPAIR_H_
#define SLEEPAIR_H_

#include <stdbool.h>
#include <stdint.h>

struct sleepair_night {
	char date[11];
	uint16_t usage_min;
	uint16_t ahi_x10;
	uint16_t leak_lpm;
};

struct sleepair_fw_trailer {
	uint8_t sha256[32];
	uint8_t signature[64];
};

int sleepair_lwm2m_start(bool plain_bootstrap);
int sleepair_upload_summary(const struct sleepair_night *night);
int sleepair_fota_apply(uint16_t obj_inst_id, uint8_t *args, uint16_t args_len);
int sleepair_fota_read_trailer(struct sleepair_fw_trailer *out);
bool sleepair_therapy_active(void);
int sleepair_blower_set_cmh2o(uint8_t cmh2o);

#endif
