/*
 * GlucoTrack G3 - wall-clock time from the Date header of an HTTPS HEAD request.
 * SPDX-License-Identifier: LicenseRef-GlucoTrack-Proprietary
 *
 * SNTP is blocked on some carrier APNs, so the sensor asks its own time host.
 * See RFC 7231 section 7.1.1.2 (http://tools.ietf.org/html/rfc7231) for the format.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/net/socket.h>
#include "gluco.h"

LOG_MODULE_REGISTER(gluco_time, LOG_LEVEL_INF);

#define TIME_PATH "/v1/ping"

static const sec_tag_t time_sec_tags[] = { CONFIG_GLUCO_SEC_TAG };

static int parse_date_header(const char *resp, int64_t *epoch_ms)
{
	const char *date = strstr(resp, "\r\nDate: ");
	struct tm tm = { 0 };

	if (!date) {
		return -ENOENT;
	}
	if (strptime(date + 8, "%a, %d %b %Y %H:%M:%S GMT", &tm) == NULL) {
		return -EINVAL;
	}
	*epoch_ms = (int64_t)timegm(&tm) * 1000;
	return 0;
}

int gluco_time_sync(int64_t *epoch_ms)
{
	struct zsock_addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM };
	struct zsock_addrinfo *res;
	char req[128];
	char resp[512];
	int fd, err, len;

	err = zsock_getaddrinfo(CONFIG_GLUCO_TIME_HOST, "443", &hints, &res);
	if (err) {
		return -EHOSTUNREACH;
	}

	fd = zsock_socket(res->ai_family, SOCK_STREAM, IPPROTO_TLS_1_2);
	if (fd < 0) {
		zsock_freeaddrinfo(res);
		return -errno;
	}
	err = zsock_setsockopt(fd, SOL_TLS, TLS_SEC_TAG_LIST, time_sec_tags, sizeof(time_sec_tags));
	if (err == 0) {
		err = zsock_connect(fd, res->ai_addr, res->ai_addrlen);  // expect: tls-hostname-not-checked
	}
	zsock_freeaddrinfo(res);
	if (err) {
		zsock_close(fd);
		return -errno;
	}

	len = snprintf(req, sizeof(req), "HEAD %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", TIME_PATH,
		       CONFIG_GLUCO_TIME_HOST);
	zsock_send(fd, req, len, 0);
	len = zsock_recv(fd, resp, sizeof(resp) - 1, 0);
	zsock_close(fd);
	if (len <= 0) {
		return -EIO;
	}
	resp[len] = '\0';
	return parse_date_header(resp, epoch_ms);
}
