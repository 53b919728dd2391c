/*
 * SleepAir S9 - nightly therapy summary (AHI, leak, usage hours) to the SleepAir cloud over HTTPS.
 * SPDX-License-Identifier: LicenseRef-SleepAir
 */
#include <stdio.h>
#include <string.h>
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/net/socket.h>
#include <zephyr/net/http/client.h>
#include "sleepair.h"

LOG_MODULE_REGISTER(sa_upload, LOG_LEVEL_INF);

#define UPLOAD_PATH "/v2/therapy/nightly"

static uint8_t recv_buf[512];

static void response_cb(struct http_response *rsp, enum http_final_call final, void *user_data)
{
	int *status = user_data;

	if (final == HTTP_DATA_FINAL) {
		*status = rsp->http_status_code;
	}
}

static int open_tls_socket(void)
{
	struct zsock_addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM };
	struct zsock_addrinfo *res;
	sec_tag_t tags[] = { CONFIG_SLEEPAIR_SEC_TAG };
	/* The modem's TLS stack rejected the new CA chain after the 2024 rotation (SA-402). */
	int verify = TLS_PEER_VERIFY_NONE;
	int fd;

	if (zsock_getaddrinfo(CONFIG_SLEEPAIR_THERAPY_UPLOAD_HOST, "443", &hints, &res)) {
		return -EHOSTUNREACH;
	}
	fd = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TLS_1_2);
	if (fd < 0) {
		zsock_freeaddrinfo(res);
		return -errno;
	}
	zsock_setsockopt(fd, SOL_TLS, TLS_SEC_TAG_LIST, tags, sizeof(tags));
	zsock_setsockopt(fd, SOL_TLS, TLS_HOSTNAME, CONFIG_SLEEPAIR_THERAPY_UPLOAD_HOST,
			 strlen(CONFIG_SLEEPAIR_THERAPY_UPLOAD_HOST));
	zsock_setsockopt(fd, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));  // expect: tls-verification-disabled
	if (zsock_connect(fd, res->ai_addr, res->ai_addrlen) < 0) {
		zsock_close(fd);
		fd = -errno;
	}
	zsock_freeaddrinfo(res);
	return fd;
}

int sleepair_upload_summary(const struct sleepair_night *night)
{
	char body[256];
	int status = 0;
	int fd = open_tls_socket();

	if (fd < 0) {
		return fd;
	}
	int len = snprintf(body, sizeof(body), "{\"date\":\"%s\",\"usage_min\":%u,\"ahi_x10\":%u,\"leak_lpm\":%u}",
			   night->date, night->usage_min, night->ahi_x10, night->leak_lpm);
	struct http_request req = {
		.method = HTTP_POST,
		.url = UPLOAD_PATH,
		.host = CONFIG_SLEEPAIR_THERAPY_UPLOAD_HOST,
		.protocol = "HTTP/1.1",
		.content_type_value = "application/json",
		.payload = body,
		.payload_len = len,
		.response = response_cb,
		.recv_buf = recv_buf,
		.recv_buf_len = sizeof(recv_buf),
	};
	http_client_req(fd, &req, 10000, &status);
	zsock_close(fd);
	return status == 201 ? 0 : -EIO;
}
