/*
 * GlucoTrack G3 - shared definitions.
 * SPDX-License-Identifier: LicenseRef-GlucoTrack-Proprietary
 */
#ifndef GLUCO_H_
#define GLUCO_H_

#include <stdint.h>
#include <zephyr/kernel.h>

#define GLUCO_MGDL_MIN       40
#define GLUCO_MGDL_MAX       400
#define GLUCO_TREND_WINDOW   3

/* MQTT topics, %s = device id from FICR */
#define GLUCO_TOPIC_READINGS "g3/%s/readings"
#define GLUCO_TOPIC_EVENTS   "g3/%s/events"

struct gluco_reading {
	int64_t timestamp_ms;
	uint16_t mgdl;
	int8_t trend;
	uint8_t quality;
};

int gluco_afe_init(void);
int gluco_afe_read(struct gluco_reading *out);
int gluco_ble_init(void);
void gluco_ble_notify(const struct gluco_reading *r);
int gluco_cloud_init(const char *device_id);
int gluco_cloud_publish(const struct gluco_reading *r);
int gluco_time_sync(int64_t *epoch_ms);
int gluco_dfu_init(void);

#endif /* GLUCO_H_ */
