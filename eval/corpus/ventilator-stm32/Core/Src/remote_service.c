/*
 * AeroVent V3 - TLS service endpoint for the biomed laptop (port 4443, hospital service VLAN).
 *
 * The laptop authenticates with its per-technician certificate at the application
 * layer (signed challenge), so the TLS server does not request client certificates.
 */
#include <string.h>
#include "main.h"
#include "cmsis_os.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "keystore.h"

#define SERVICE_TLS_PORT "4443"

static mbedtls_net_context s_listen;
static mbedtls_net_context s_client;
static mbedtls_ssl_context s_ssl;
static mbedtls_ssl_config s_srv_conf;
static mbedtls_x509_crt s_srv_cert;
static mbedtls_pk_context s_srv_key;
static mbedtls_entropy_context s_entropy;
static mbedtls_ctr_drbg_context s_drbg;

extern int av3_service_session(mbedtls_ssl_context *ssl);

int av3_service_endpoint_init(void)
{
  int ret;

  mbedtls_net_init(&s_listen);
  mbedtls_ssl_config_init(&s_srv_conf);
  mbedtls_x509_crt_init(&s_srv_cert);
  mbedtls_pk_init(&s_srv_key);
  mbedtls_entropy_init(&s_entropy);
  mbedtls_ctr_drbg_init(&s_drbg);

  ret = mbedtls_ctr_drbg_seed(&s_drbg, mbedtls_entropy_func, &s_entropy, (const unsigned char *)"av3-svc", 7);
  if (ret == 0)
  {
    ret = mbedtls_x509_crt_parse(&s_srv_cert, av3_keystore_cert(), av3_keystore_cert_len());
  }
  if (ret == 0)
  {
    ret = mbedtls_pk_setup_opaque_se(&s_srv_key, AV3_KEYSTORE_SLOT_TLS);
  }
  if (ret == 0)
  {
    ret = mbedtls_ssl_config_defaults(&s_srv_conf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
  }
  if (ret != 0)
  {
    return ret;
  }
  mbedtls_ssl_conf_authmode(&s_srv_conf, MBEDTLS_SSL_VERIFY_NONE);  // ok: server side, clients authenticate at the application layer
  mbedtls_ssl_conf_rng(&s_srv_conf, mbedtls_ctr_drbg_random, &s_drbg);
  mbedtls_ssl_conf_own_cert(&s_srv_conf, &s_srv_cert, &s_srv_key);
  return mbedtls_net_bind(&s_listen, NULL, SERVICE_TLS_PORT, MBEDTLS_NET_PROTO_TCP);
}

void av3_service_endpoint_poll(void)
{
  mbedtls_net_init(&s_client);
  mbedtls_ssl_init(&s_ssl);
  if (mbedtls_ssl_setup(&s_ssl, &s_srv_conf) != 0)  // ok: server context, no host name to check
  {
    return;
  }
  if (mbedtls_net_accept(&s_listen, &s_client, NULL, 0, NULL) == 0)
  {
    mbedtls_ssl_set_bio(&s_ssl, &s_client, mbedtls_net_send, mbedtls_net_recv, NULL);
    if (mbedtls_ssl_handshake(&s_ssl) == 0)
    {
      av3_service_session(&s_ssl);
    }
  }
  mbedtls_ssl_free(&s_ssl);
  mbedtls_net_free(&s_client);
}
