/*
 * GlucoTrack G3 - readings to the cloud over MQTT/TLS through the cellular companion.
 * SPDX-License-Identifier: LicenseRef-GlucoTrack-Proprietary
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/net/mqtt.h>
#include <zephyr/net/socket.h>
#include <zephyr/net/tls_credentials.h>
#include "gluco.h"

LOG_MODULE_REGISTER(gluco_cloud, LOG_LEVEL_INF);

static uint8_t rx_buffer[512];
static uint8_t tx_buffer[512];
static struct mqtt_client client;
static struct sockaddr_storage broker;
static char topic_readings[48];
static char client_id[24];

static sec_tag_t sec_tags[] = { CONFIG_GLUCO_SEC_TAG };

static int resolve_broker(void)
{
	struct zsock_addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM };
	struct zsock_addrinfo *res;
	int err = zsock_getaddrinfo(CONFIG_GLUCO_CLOUD_HOST, NULL, &hints, &res);

	if (err) {
		LOG_ERR("getaddrinfo %s failed (%d)", CONFIG_GLUCO_CLOUD_HOST, err);
		return -EHOSTUNREACH;
	}
	struct sockaddr_in *b4 = (struct sockaddr_in *)&broker;
	b4->sin_family = AF_INET;
	b4->sin_port = htons(CONFIG_GLUCO_CLOUD_PORT);
	b4->sin_addr = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
	zsock_freeaddrinfo(res);
	return 0;
}

static void mqtt_evt_handler(struct mqtt_client *c, const struct mqtt_evt *evt)
{
	switch (evt->type) {
	case MQTT_EVT_CONNACK:
		LOG_INF("broker accepted connection (%d)", evt->result);
		break;
	case MQTT_EVT_DISCONNECT:
		LOG_WRN("broker disconnected");
		break;
	default:
		break;
	}
}

int gluco_cloud_init(const char *device_id)
{
	int err = resolve_broker();

	if (err) {
		return err;
	}
	snprintf(topic_readings, sizeof(topic_readings), GLUCO_TOPIC_READINGS, device_id);
	strncpy(client_id, device_id, sizeof(client_id) - 1);

	mqtt_client_init(&client);
	client.broker = &broker;
	client.evt_cb = mqtt_evt_handler;
	client.client_id.utf8 = (uint8_t *)client_id;
	client.client_id.size = strlen(client_id);
	client.password = NULL;  // ok: mutual TLS, no password
	client.user_name = NULL;
	client.protocol_version = MQTT_VERSION_3_1_1;
	client.rx_buf = rx_buffer;
	client.rx_buf_size = sizeof(rx_buffer);
	client.tx_buf = tx_buffer;
	client.tx_buf_size = sizeof(tx_buffer);

	client.transport.type = MQTT_TRANSPORT_SECURE;
	struct mqtt_sec_config *tls_config = &client.transport.tls.config;
	tls_config->peer_verify = TLS_PEER_VERIFY_REQUIRED;  // ok: verification required
	tls_config->cipher_list = NULL;
	tls_config->sec_tag_list = sec_tags;
	tls_config->sec_tag_count = ARRAY_SIZE(sec_tags);
	tls_config->hostname = CONFIG_GLUCO_CLOUD_HOST;

	return mqtt_connect(&client);
}

int gluco_cloud_publish(const struct gluco_reading *r)
{
	char payload[96];
	struct mqtt_publish_param param;
	int len = snprintf(payload, sizeof(payload), "{\"ts\":%lld,\"mgdl\":%u,\"trend\":%d,\"q\":%u}",
			   r->timestamp_ms, r->mgdl, r->trend, r->quality);

	param.message.topic.qos = MQTT_QOS_1_AT_LEAST_ONCE;
	param.message.topic.topic.utf8 = (uint8_t *)topic_readings;
	param.message.topic.topic.size = strlen(topic_readings);
	param.message.payload.data = payload;
	param.message.payload.len = len;
	param.message_id = sys_rand32_get() & 0xffff;
	param.dup_flag = 0;
	param.retain_flag = 0;
	return mqtt_publish(&client, &param);
}
