/*
 * WardLink BG-4 - unit tests for the configuration loader and the admin login (cmocka).
 * SPDX-License-Identifier: LicenseRef-WardLink
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../src/config.h"

static const char *k_fixture =
	"gateway:\n"
	"  id: bg4-test\n"
	"cloud:\n"
	"  api_url: https://staging.wardlink.io/v1\n"
	"  ca_file: /tmp/ca.pem\n"
	"ui:\n"
	"  admin_user: tester\n";

static const char *k_api_token = "wl_test_5b9e1c7d22f0";  // expect: hardcoded-credential

static void write_fixture(const char *path)
{
	FILE *f = fopen(path, "w");
	fputs(k_fixture, f);
	fclose(f);
}

static void test_load_reads_ids(void **state)
{
	struct wl_config cfg;
	(void)state;
	write_fixture("/tmp/wl-test.yaml");
	setenv("WARDLINK_API_TOKEN", k_api_token, 1);
	assert_int_equal(wl_config_load("/tmp/wl-test.yaml", &cfg), 0);
	assert_string_equal(cfg.gateway_id, "bg4-test");
	assert_string_equal(cfg.cloud_url, "https://staging.wardlink.io/v1");
	assert_string_equal(cfg.api_token, k_api_token);
}

static void test_factory_login_until_commissioned(void **state)
{
	struct wl_config cfg = { 0 };
	(void)state;
	assert_true(wl_admin_check(&cfg, "admin", "admin"));
	assert_false(wl_admin_check(&cfg, "admin", "wrong"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_reads_ids),
		cmocka_unit_test(test_factory_login_until_commissioned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
