/*
 * HemoHome C2 - local REST API for the clinic's service tablet (libmicrohttpd, port 8443, TLS).
 * SPDX-License-Identifier: LicenseRef-HemoHome
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <microhttpd.h>
#include "cycler.h"

#define API_PORT         8443
#define REALM            "HemoHome C2 service"
#define SERVICE_USER     "service"

extern const char *hemo_tls_cert_pem(void);
extern const char *hemo_tls_key_pem(void);

static enum MHD_Result deny(struct MHD_Connection *conn)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret = MHD_queue_basic_auth_fail_response(conn, REALM, r);
	MHD_destroy_response(r);
	return ret;
}

static bool service_login_ok(const char *user, const char *pass)
{
	if (user == NULL || pass == NULL) {
		return false;
	}
	return strcmp(user, SERVICE_USER) == 0 && strcmp(pass, "HemoSvc#21") == 0;  // expect: hardcoded-credential
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
			      const char *version, const char *upload_data, size_t *upload_size, void **ctx)
{
	char *pass = NULL;
	char *user = MHD_basic_auth_get_username_password(conn, &pass);
	bool ok = service_login_ok(user, pass);

	free(user);
	free(pass);
	if (!ok) {
		syslog(LOG_NOTICE, "service API: login failed");  // ok: log message
		return deny(conn);
	}
	if (strcmp(method, "GET") == 0 && strcmp(url, "/status") == 0) {
		char body[256];
		int n = hemo_cycler_status_json(body, sizeof(body));
		struct MHD_Response *r = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_COPY);
		MHD_add_response_header(r, "Content-Type", "application/json");
		enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
		MHD_destroy_response(r);
		return ret;
	}
	return MHD_NO;
}

struct MHD_Daemon *hemo_remote_api_start(void)
{
	return MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TLS, API_PORT, NULL, NULL, &handle, NULL,
				MHD_OPTION_HTTPS_MEM_CERT, hemo_tls_cert_pem(), MHD_OPTION_HTTPS_MEM_KEY,
				hemo_tls_key_pem(), MHD_OPTION_HTTPS_PRIORITIES, "SECURE256:-VERS-TLS1.0:-VERS-TLS1.1",
				MHD_OPTION_END);
}
