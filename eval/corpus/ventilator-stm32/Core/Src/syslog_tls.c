/*
 * AeroVent V3 - audit log export over syslog/TLS (RFC 5425) to the hospital SIEM.
 *
 * Events: service logins, setting changes, alarm acknowledgements, update attempts.
 * The collector address comes from the installation profile in the secure element.
 */
#include <stdio.h>
#include <string.h>
#include "main.h"
#include "cmsis_os.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/x509_crt.h"
#include "keystore.h"

#define SYSLOG_TLS_PORT   "6514"
#define SYSLOG_FACILITY   10  /* authpriv */
#define SYSLOG_MSG_MAX    480

extern const char *av3_keystore_syslog_host(void);
extern const char *av3_serial(void);

static mbedtls_net_context s_net;
static mbedtls_ssl_context s_ssl;
static mbedtls_ssl_config s_conf;
static mbedtls_x509_crt s_ca;
static mbedtls_entropy_context s_entropy;
static mbedtls_ctr_drbg_context s_drbg;
static bool s_connected;

static int syslog_connect(void)
{
  int ret;

  mbedtls_net_init(&s_net);
  mbedtls_ssl_init(&s_ssl);
  mbedtls_ssl_config_init(&s_conf);
  mbedtls_x509_crt_init(&s_ca);
  mbedtls_entropy_init(&s_entropy);
  mbedtls_ctr_drbg_init(&s_drbg);

  ret = mbedtls_ctr_drbg_seed(&s_drbg, mbedtls_entropy_func, &s_entropy, (const unsigned char *)"av3-syslog", 10);
  if (ret == 0)
  {
    ret = mbedtls_x509_crt_parse(&s_ca, av3_keystore_ca(), av3_keystore_ca_len());
  }
  if (ret == 0)
  {
    ret = mbedtls_ssl_config_defaults(&s_conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
  }
  if (ret != 0)
  {
    return ret;
  }
  mbedtls_ssl_conf_authmode(&s_conf, MBEDTLS_SSL_VERIFY_REQUIRED);  // ok: verification required
  mbedtls_ssl_conf_ca_chain(&s_conf, &s_ca, NULL);
  mbedtls_ssl_conf_rng(&s_conf, mbedtls_ctr_drbg_random, &s_drbg);

  ret = mbedtls_ssl_setup(&s_ssl, &s_conf);
  if (ret == 0)
  {
    ret = mbedtls_net_connect(&s_net, av3_keystore_syslog_host(), SYSLOG_TLS_PORT, MBEDTLS_NET_PROTO_TCP);
  }
  if (ret != 0)
  {
    return ret;
  }
  mbedtls_ssl_set_bio(&s_ssl, &s_net, mbedtls_net_send, mbedtls_net_recv, NULL);
  do
  {
    ret = mbedtls_ssl_handshake(&s_ssl);  // expect: tls-hostname-not-checked
  } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
  s_connected = (ret == 0);
  return ret;
}

void av3_audit(int severity, const char *event)
{
  char msg[SYSLOG_MSG_MAX];
  char framed[SYSLOG_MSG_MAX + 8];
  int pri = SYSLOG_FACILITY * 8 + severity;

  if (!s_connected && syslog_connect() != 0)
  {
    return;
  }
  int len = snprintf(msg, sizeof(msg), "<%d>1 - av3-%s aerovent - AUDIT - %s", pri, av3_serial(), event);
  /* RFC 5425 octet-counting framing */
  int flen = snprintf(framed, sizeof(framed), "%d %s", len, msg);
  if (mbedtls_ssl_write(&s_ssl, (const unsigned char *)framed, (size_t)flen) < 0)
  {
    s_connected = false;
    mbedtls_ssl_free(&s_ssl);
    mbedtls_net_free(&s_net);
  }
}
