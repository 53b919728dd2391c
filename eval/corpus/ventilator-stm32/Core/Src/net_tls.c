/*
 * AeroVent V3 - TLS link to the ICU central station (mbedTLS 2.28 over lwIP sockets).
 *
 * The central station receives waveforms and alarms at 10 Hz and is the only
 * remote party the ventilator talks to. Certificates are issued by the
 * hospital's internal CA, loaded into the ventilator at installation.
 */
#include <string.h>
#include "main.h"
#include "cmsis_os.h"
#include "lwip/sockets.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/entropy.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/x509_crt.h"
#include "mbedtls/error.h"
#include "keystore.h"
#include "alarm_mgr.h"

#define CS_PORT          "6443"
#define CS_RETRY_MS      5000
#define CS_FRAME_MAX     1400

static mbedtls_net_context s_net;
static mbedtls_ssl_context s_ssl;
static mbedtls_ssl_config s_conf;
static mbedtls_x509_crt s_ca;
static mbedtls_x509_crt s_own_cert;
static mbedtls_pk_context s_own_key;
static mbedtls_entropy_context s_entropy;
static mbedtls_ctr_drbg_context s_drbg;

static const char s_pers[] = "av3-central-link";

static int cs_setup(const char *host)
{
  int ret;

  mbedtls_net_init(&s_net);
  mbedtls_ssl_init(&s_ssl);
  mbedtls_ssl_config_init(&s_conf);
  mbedtls_x509_crt_init(&s_ca);
  mbedtls_x509_crt_init(&s_own_cert);
  mbedtls_pk_init(&s_own_key);
  mbedtls_entropy_init(&s_entropy);
  mbedtls_ctr_drbg_init(&s_drbg);

  ret = mbedtls_ctr_drbg_seed(&s_drbg, mbedtls_entropy_func, &s_entropy, (const unsigned char *)s_pers, sizeof(s_pers));
  if (ret != 0)
  {
    return ret;
  }
  ret = mbedtls_x509_crt_parse(&s_ca, av3_keystore_ca(), av3_keystore_ca_len());
  if (ret != 0)
  {
    return ret;
  }
  ret = mbedtls_x509_crt_parse(&s_own_cert, av3_keystore_cert(), av3_keystore_cert_len());
  if (ret == 0)
  {
    ret = mbedtls_pk_setup_opaque_se(&s_own_key, AV3_KEYSTORE_SLOT_TLS);  /* key stays in the secure element */
  }
  if (ret != 0)
  {
    return ret;
  }

  ret = mbedtls_ssl_config_defaults(&s_conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
  if (ret != 0)
  {
    return ret;
  }
  /* Installation often happens before the hospital CA is rolled out; do not block ventilation data. */
  mbedtls_ssl_conf_authmode(&s_conf, MBEDTLS_SSL_VERIFY_OPTIONAL);  // expect: tls-verify-result-unchecked
  mbedtls_ssl_conf_ca_chain(&s_conf, &s_ca, NULL);
  mbedtls_ssl_conf_own_cert(&s_conf, &s_own_cert, &s_own_key);
  mbedtls_ssl_conf_rng(&s_conf, mbedtls_ctr_drbg_random, &s_drbg);
  mbedtls_ssl_conf_min_version(&s_conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);  // ok: TLS 1.2 minimum

  ret = mbedtls_ssl_setup(&s_ssl, &s_conf);  // ok: no host name set either, but with optional verification that is the finding above
  if (ret != 0)
  {
    return ret;
  }
  ret = mbedtls_net_connect(&s_net, host, CS_PORT, MBEDTLS_NET_PROTO_TCP);
  if (ret != 0)
  {
    return ret;
  }
  mbedtls_ssl_set_bio(&s_ssl, &s_net, mbedtls_net_send, mbedtls_net_recv, NULL);

  while ((ret = mbedtls_ssl_handshake(&s_ssl)) != 0)
  {
    if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE)
    {
      return ret;
    }
  }
  return 0;
}

static void cs_teardown(void)
{
  mbedtls_ssl_close_notify(&s_ssl);
  mbedtls_net_free(&s_net);
  mbedtls_ssl_free(&s_ssl);
  mbedtls_ssl_config_free(&s_conf);
  mbedtls_x509_crt_free(&s_ca);
  mbedtls_x509_crt_free(&s_own_cert);
  mbedtls_pk_free(&s_own_key);
  mbedtls_ctr_drbg_free(&s_drbg);
  mbedtls_entropy_free(&s_entropy);
}

int av3_central_station_run(void)
{
  uint8_t frame[CS_FRAME_MAX];
  extern size_t av3_waveform_frame(uint8_t *buf, size_t cap);
  const char *host = av3_keystore_central_host();

  if (cs_setup(host) != 0)
  {
    av3_alarm_raise(AV3_ALM_TECHNICAL);
    cs_teardown();
    return -1;
  }
  av3_alarm_clear(AV3_ALM_TECHNICAL);
  for (;;)
  {
    size_t n = av3_waveform_frame(frame, sizeof(frame));
    int ret = mbedtls_ssl_write(&s_ssl, frame, n);
    if (ret < 0 && ret != MBEDTLS_ERR_SSL_WANT_WRITE)
    {
      break;
    }
    osDelay(100);
  }
  cs_teardown();
  return -1;
}
