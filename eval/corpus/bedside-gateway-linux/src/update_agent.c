/*
 * WardLink BG-4 - update agent: fetch the signed manifest, download the RAUC bundle,
 * verify it and hand it to RAUC for installation into the inactive rootfs slot.
 * SPDX-License-Identifier: LicenseRef-WardLink
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#define MANIFEST_URL      "https://updates.wardlink.io/bg4/manifest.json"  // ok: https
#define SIGNING_KEY_PATH  "/etc/wardlink/update-signing.pub"
#define BUNDLE_PATH       "/data/update/bundle.raucb"

struct buffer {
	char *data;
	size_t len;
};

static size_t collect(void *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct buffer *b = userdata;
	size_t n = size * nmemb;
	char *grown = realloc(b->data, b->len + n + 1);
	if (grown == NULL) {
		return 0;
	}
	b->data = grown;
	memcpy(b->data + b->len, ptr, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

static int fetch(const char *url, struct buffer *out, FILE *to_file)
{
	CURL *c = curl_easy_init();
	CURLcode rc;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);  // ok: verification on
	if (to_file != NULL) {
		curl_easy_setopt(c, CURLOPT_WRITEDATA, to_file);
	} else {
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	}
	rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

static int verify_manifest_signature(const char *body, size_t len, const unsigned char *sig, size_t sig_len)  // ok: real check
{
	FILE *f = fopen(SIGNING_KEY_PATH, "r");
	EVP_PKEY *key;
	EVP_MD_CTX *ctx;
	int ok;

	if (f == NULL) {
		return -1;
	}
	key = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (key == NULL) {
		return -1;
	}
	ctx = EVP_MD_CTX_new();
	ok = EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, key) == 1 &&
	     EVP_DigestVerify(ctx, sig, sig_len, (const unsigned char *)body, len) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	return ok ? 0 : -1;
}

static int check_bundle_hash(const char *path, const unsigned char expected[SHA256_DIGEST_LENGTH])  // ok: hash from the signed manifest
{
	unsigned char buf[65536], digest[SHA256_DIGEST_LENGTH];
	SHA256_CTX sha;
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		return -1;
	}
	SHA256_Init(&sha);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		SHA256_Update(&sha, buf, n);
	}
	fclose(f);
	SHA256_Final(digest, &sha);
	return memcmp(digest, expected, sizeof(digest)) == 0 ? 0 : -1;
}

int wl_update_run(void)
{
	struct buffer manifest = { 0 };
	extern int wl_manifest_parse(const char *json, char *bundle_url, size_t cap, unsigned char sha[32],
				     unsigned char *sig, size_t *sig_len, size_t *body_len);
	char bundle_url[256];
	unsigned char sha[32], sig[512];
	size_t sig_len = sizeof(sig), body_len = 0;

	if (fetch(MANIFEST_URL, &manifest, NULL) != 0 ||
	    wl_manifest_parse(manifest.data, bundle_url, sizeof(bundle_url), sha, sig, &sig_len, &body_len) != 0 ||
	    verify_manifest_signature(manifest.data, body_len, sig, sig_len) != 0) {
		syslog(LOG_ERR, "update manifest rejected");
		free(manifest.data);
		return -1;
	}
	free(manifest.data);

	FILE *out = fopen(BUNDLE_PATH, "wb");
	if (out == NULL || fetch(bundle_url, NULL, out) != 0) {
		if (out) {
			fclose(out);
		}
		return -1;
	}
	fclose(out);
	if (check_bundle_hash(BUNDLE_PATH, sha) != 0) {
		syslog(LOG_ERR, "bundle hash mismatch");
		return -1;
	}
	/* RAUC verifies the bundle's own CMS signature against the keyring again. */
	return system("rauc install " BUNDLE_PATH) == 0 ? 0 : -1;
}
