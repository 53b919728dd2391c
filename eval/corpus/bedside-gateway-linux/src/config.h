/* WardLink BG-4 - runtime configuration loaded from /etc/wardlink/gateway.yaml. */
#ifndef WL_CONFIG_H
#define WL_CONFIG_H

#include <stdbool.h>

#define WL_CONFIG_PATH        "/etc/wardlink/gateway.yaml"
#define WL_TOKEN_ENV          "WARDLINK_API_TOKEN"
#define WL_ADMIN_PASSWORD_MIN 12  /* ok: a length */

struct wl_config {
	char gateway_id[32];
	char cloud_url[256];
	char api_token[128];
	char ca_file[256];
	char admin_user[32];
	char admin_password_hash[128];
	bool lab_mode;
	int poll_interval_s;
};

int wl_config_load(const char *path, struct wl_config *cfg);
bool wl_admin_check(const struct wl_config *cfg, const char *user, const char *password);

#endif
