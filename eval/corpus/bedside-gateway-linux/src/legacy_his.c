/*
 * WardLink BG-4 - results push to the legacy HIS interface engine (Cloverleaf 5.x).
 *
 * The interface engine only speaks TLS 1.0 with a self-signed certificate; the
 * hospital's replacement project is scheduled for 2026.
 * SPDX-License-Identifier: LicenseRef-WardLink
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/socket.h>
#include <openssl/ssl.h>
#include <openssl/err.h>

#define HIS_HOST "cloverleaf.hospital.internal"
#define HIS_PORT "5021"

static SSL_CTX *s_ctx;

static int tcp_connect(const char *host, const char *port)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	int fd = -1;

	if (getaddrinfo(host, port, &hints, &res) != 0) {
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
			break;
		}
		if (fd >= 0) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	return fd;
}

int wl_his_init(void)
{
	s_ctx = SSL_CTX_new(TLS_client_method());
	if (s_ctx == NULL) {
		return -1;
	}
	SSL_CTX_set_min_proto_version(s_ctx, TLS1_VERSION);  // expect: weak-tls-version
	SSL_CTX_set_cipher_list(s_ctx, "DEFAULT:@SECLEVEL=0");  // expect: weak-tls-version
	SSL_CTX_set_verify(s_ctx, SSL_VERIFY_NONE, NULL);  // expect: tls-verification-disabled
	return 0;
}

int wl_his_send(const char *hl7, size_t len)
{
	int fd = tcp_connect(HIS_HOST, HIS_PORT);
	SSL *ssl;
	int rc = -1;

	if (fd < 0) {
		return -1;
	}
	ssl = SSL_new(s_ctx);
	SSL_set_fd(ssl, fd);
	SSL_set_tlsext_host_name(ssl, HIS_HOST);
	if (SSL_connect(ssl) == 1) {
		/* MLLP framing: <VT> message <FS><CR> */
		const char start = 0x0b, end[2] = { 0x1c, 0x0d };
		if (SSL_write(ssl, &start, 1) == 1 && SSL_write(ssl, hl7, (int)len) == (int)len && SSL_write(ssl, end, 2) == 2) {
			rc = 0;
		}
	} else {
		syslog(LOG_WARNING, "HIS TLS handshake failed");
	}
	SSL_shutdown(ssl);
	SSL_free(ssl);
	close(fd);
	return rc;
}
