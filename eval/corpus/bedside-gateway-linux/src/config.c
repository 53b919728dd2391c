/*
 * WardLink BG-4 - configuration loader (libyaml) and local admin login for the web UI.
 * SPDX-License-Identifier: LicenseRef-WardLink
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <crypt.h>
#include <syslog.h>
#include <yaml.h>
#include "config.h"

/* Factory account, only accepted until the installer sets a site password. */
static const char *default_admin_user = "admin";
static const char *default_admin_password = "admin";  // expect: hardcoded-credential

static void copy_scalar(char *dst, size_t cap, const yaml_event_t *ev)
{
	snprintf(dst, cap, "%.*s", (int)ev->data.scalar.length, (const char *)ev->data.scalar.value);
}

int wl_config_load(const char *path, struct wl_config *cfg)
{
	FILE *f = fopen(path, "r");
	yaml_parser_t parser;
	yaml_event_t ev;
	char key[64] = "";
	int done = 0;

	if (f == NULL) {
		syslog(LOG_ERR, "cannot open %s", path);
		return -1;
	}
	memset(cfg, 0, sizeof(*cfg));
	cfg->poll_interval_s = 5;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	while (!done && yaml_parser_parse(&parser, &ev)) {
		if (ev.type == YAML_SCALAR_EVENT) {
			if (key[0] == '\0') {
				copy_scalar(key, sizeof(key), &ev);
			} else {
				if (strcmp(key, "id") == 0)
					copy_scalar(cfg->gateway_id, sizeof(cfg->gateway_id), &ev);
				else if (strcmp(key, "api_url") == 0)
					copy_scalar(cfg->cloud_url, sizeof(cfg->cloud_url), &ev);
				else if (strcmp(key, "ca_file") == 0)
					copy_scalar(cfg->ca_file, sizeof(cfg->ca_file), &ev);
				else if (strcmp(key, "admin_user") == 0)
					copy_scalar(cfg->admin_user, sizeof(cfg->admin_user), &ev);
				else if (strcmp(key, "lab_mode") == 0)
					cfg->lab_mode = strncmp((const char *)ev.data.scalar.value, "true", 4) == 0;
				key[0] = '\0';
			}
		} else if (ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_SEQUENCE_START_EVENT) {
			key[0] = '\0';
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	fclose(f);

	const char *token = getenv(WL_TOKEN_ENV);  // ok: runtime lookup
	if (token != NULL) {
		snprintf(cfg->api_token, sizeof(cfg->api_token), "%s", token);
	}
	return 0;
}

bool wl_admin_check(const struct wl_config *cfg, const char *user, const char *password)
{
	if (cfg->admin_password_hash[0] == '\0') {
		/* Not yet commissioned: factory account. */
		return strcmp(user, default_admin_user) == 0 && strcmp(password, default_admin_password) == 0;
	}
	struct crypt_data data = { 0 };
	const char *hashed = crypt_r(password, cfg->admin_password_hash, &data);
	return hashed != NULL && strcmp(user, cfg->admin_user) == 0 && strcmp(hashed, cfg->admin_password_hash) == 0;
}
