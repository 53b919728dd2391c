/*
 * WardLink BG-4 - uplink: batches device messages from the local broker and posts them
 * to the cloud API with libcurl.
 * SPDX-License-Identifier: LicenseRef-WardLink
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <curl/curl.h>
#include "config.h"

struct wl_uplink {
	CURL *curl;
	struct curl_slist *headers;
	char endpoint[320];
};

static size_t discard(void *ptr, size_t size, size_t nmemb, void *userdata)
{
	(void)ptr;
	(void)userdata;
	return size * nmemb;
}

int wl_uplink_init(struct wl_uplink *up, const struct wl_config *cfg)
{
	char auth[192];

	up->curl = curl_easy_init();
	if (up->curl == NULL) {
		return -1;
	}
	snprintf(up->endpoint, sizeof(up->endpoint), "%s/gateways/%s/batches", cfg->cloud_url, cfg->gateway_id);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", cfg->api_token);  // ok: format string with a runtime token
	up->headers = curl_slist_append(NULL, "Content-Type: application/json");
	up->headers = curl_slist_append(up->headers, auth);

	curl_easy_setopt(up->curl, CURLOPT_URL, up->endpoint);
	curl_easy_setopt(up->curl, CURLOPT_HTTPHEADER, up->headers);
	curl_easy_setopt(up->curl, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(up->curl, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(up->curl, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(up->curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);  // ok: TLS 1.2 minimum
	curl_easy_setopt(up->curl, CURLOPT_CAINFO, cfg->ca_file);
	curl_easy_setopt(up->curl, CURLOPT_SSL_VERIFYPEER, 1L);  // ok: verification on
	curl_easy_setopt(up->curl, CURLOPT_SSL_VERIFYHOST, 2L);  // ok: verification on
	if (cfg->lab_mode) {
		/* Lab racks use a self-signed staging API. */
		syslog(LOG_WARNING, "lab mode: TLS verification off");
		curl_easy_setopt(up->curl, CURLOPT_SSL_VERIFYPEER, 0L);  // expect: tls-verification-disabled
	}
	return 0;
}

int wl_uplink_post(struct wl_uplink *up, const char *json, size_t len)
{
	long status = 0;

	curl_easy_setopt(up->curl, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(up->curl, CURLOPT_POSTFIELDSIZE, (long)len);
	CURLcode rc = curl_easy_perform(up->curl);
	if (rc != CURLE_OK) {
		syslog(LOG_WARNING, "uplink: %s", curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(up->curl, CURLINFO_RESPONSE_CODE, &status);
	return status == 202 ? 0 : -1;
}

void wl_uplink_free(struct wl_uplink *up)
{
	curl_slist_free_all(up->headers);
	curl_easy_cleanup(up->curl);
}
