/*
 * ztest: cloud payload encoding and topic formatting.
 * SPDX-License-Identifier: LicenseRef-GlucoTrack-Proprietary
 */
#include <stdio.h>
#include <string.h>
#include <zephyr/ztest.h>
#include "gluco.h"

/* Local mosquitto started by the twister harness script. */
#define TEST_BROKER_URL "mqtt://127.0.0.1:1883"  // ok: loopback test broker

ZTEST(gluco_cloud, test_topic_format)
{
	char topic[48];

	snprintf(topic, sizeof(topic), GLUCO_TOPIC_READINGS, "00112233aabbccdd");
	zassert_str_equal(topic, "g3/00112233aabbccdd/readings");
}

ZTEST(gluco_cloud, test_reading_clamped)
{
	struct gluco_reading r = { .mgdl = 39 };

	zassert_true(r.mgdl < GLUCO_MGDL_MIN, "fixture below range");
	zassert_not_null(TEST_BROKER_URL);
}

ZTEST_SUITE(gluco_cloud, NULL, NULL, NULL, NULL, NULL);
