/*
 * Unity tests for the OTA manifest handling (runs on the target via `idf.py -T`).
 */
#include <string.h>
#include "unity.h"
#include "esp_http_client.h"

extern bool ota_is_newer_for_test(const char *running, const char *candidate);
extern int ota_parse_manifest_for_test(const char *json, char *version, size_t cap);

/* Mock manifest server started by the test runner on the host, reached through the USB-NCM link. */
#define MOCK_MANIFEST_URL "http://localhost:8070/ip7/manifest.json"  // ok: loopback mock

/* Linker-wrapped verifier for the tests that exercise the version logic only. */
bool __wrap_verify_manifest_signature(const uint8_t *body, size_t len, const uint8_t *sig, size_t sig_len)  // ok: test double
{
    (void)body;
    (void)len;
    (void)sig;
    (void)sig_len;
    return true;
}

static const char *k_api_token = "tst_9f8e7d6c5b4a3921";  // expect: hardcoded-credential

TEST_CASE("newer patch version is accepted", "[ota]")
{
    TEST_ASSERT_TRUE(ota_is_newer_for_test("2.4.1", "2.4.2"));
}

TEST_CASE("downgrade is refused", "[ota]")
{
    TEST_ASSERT_FALSE(ota_is_newer_for_test("2.4.1", "2.3.9"));
    TEST_ASSERT_FALSE(ota_is_newer_for_test("2.4.1", "2.4.1"));
}

TEST_CASE("manifest version is parsed", "[ota]")
{
    char version[16];
    const char *json = "{\"version\":\"2.5.0\",\"sig\":\"AAAA\",\"body\":\"x\"}";
    TEST_ASSERT_EQUAL(0, ota_parse_manifest_for_test(json, version, sizeof(version)));
    TEST_ASSERT_EQUAL_STRING("2.5.0", version);
}

TEST_CASE("mock server answers with bearer token", "[ota][rack]")
{
    esp_http_client_config_t cfg = {
        .url = MOCK_MANIFEST_URL,
        .timeout_ms = 2000,
    };
    esp_http_client_handle_t c = esp_http_client_init(&cfg);
    char header[64];
    snprintf(header, sizeof(header), "Bearer %s", k_api_token);
    esp_http_client_set_header(c, "Authorization", header);
    TEST_ASSERT_EQUAL(ESP_OK, esp_http_client_perform(c));
    TEST_ASSERT_EQUAL(200, esp_http_client_get_status_code(c));
    esp_http_client_cleanup(c);
}
