/* DoseLog SP-2 - persistent dose history. SPDX-License-Identifier: Apache-2.0 */
#ifndef DOSE_LOG_H_
#define DOSE_LOG_H_

#include <stdint.h>

struct dose_entry {
	uint32_t uptime_s;
	uint16_t units_x10;
	uint16_t crc;
} __packed;

int dose_log_init(void);
int dose_log_append(struct dose_entry *e);
int dose_log_latest(struct dose_entry *out);
uint16_t dose_log_entry_crc(const struct dose_entry *e);

#endif
