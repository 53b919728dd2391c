/*
 * VitalSign PM-12 - mbedTLS overrides on top of Mbed OS's default configuration.
 * SPDX-License-Identifier: LicenseRef-VitalSign
 */
#ifndef PM12_MBEDTLS_USER_CONFIG_H
#define PM12_MBEDTLS_USER_CONFIG_H

/* TLS 1.2 only; the central monitoring station does not offer 1.3 yet. */
#undef MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_PROTO_TLS1_2

/* Smaller record buffers: the broker negotiates max_fragment_length. */
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
#define MBEDTLS_SSL_IN_CONTENT_LEN   4096
#define MBEDTLS_SSL_OUT_CONTENT_LEN  4096

#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#undef MBEDTLS_SSL_RENEGOTIATION

#endif
