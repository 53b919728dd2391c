/*
 * WardLink BG-4 - subscriber on the local broker: collects device messages for the uplink.
 * SPDX-License-Identifier: LicenseRef-WardLink
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <mosquitto.h>

#define LOCAL_BROKER_HOST "127.0.0.1"
#define LOCAL_BROKER_PORT 1883  // ok: loopback listener of the local broker
#define LOCAL_KEEPALIVE   30

typedef void (*wl_message_cb)(const char *topic, const void *payload, int len);

static wl_message_cb s_cb;

static void on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg)
{
	(void)m;
	(void)ud;
	if (s_cb != NULL && msg->payloadlen > 0) {
		s_cb(msg->topic, msg->payload, msg->payloadlen);
	}
}

static void on_connect(struct mosquitto *m, void *ud, int rc)
{
	(void)ud;
	if (rc != 0) {
		syslog(LOG_ERR, "local broker refused connection: %s", mosquitto_connack_string(rc));
		return;
	}
	mosquitto_subscribe(m, NULL, "ward/+/vitals", 1);
	mosquitto_subscribe(m, NULL, "ward/+/alarms", 2);
	mosquitto_subscribe(m, NULL, "cascade/ip7/+/telemetry", 1);
}

struct mosquitto *wl_bridge_start(wl_message_cb cb)
{
	struct mosquitto *m;

	s_cb = cb;
	mosquitto_lib_init();
	m = mosquitto_new("wardlink-uplink", true, NULL);
	if (m == NULL) {
		return NULL;
	}
	mosquitto_username_pw_set(m, "wardlink-uplink", NULL);  // ok: no password on the loopback listener
	mosquitto_connect_callback_set(m, on_connect);
	mosquitto_message_callback_set(m, on_message);
	if (mosquitto_connect(m, LOCAL_BROKER_HOST, LOCAL_BROKER_PORT, LOCAL_KEEPALIVE) != MOSQ_ERR_SUCCESS) {  // ok: loopback
		mosquitto_destroy(m);
		return NULL;
	}
	mosquitto_loop_start(m);
	return m;
}
