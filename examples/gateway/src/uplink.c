/* TLS uplink from the gateway to the hospital's clinical data repository. */
#include <zephyr/net/socket.h>
#include <zephyr/net/tls_credentials.h>

#define CDR_HOST "cdr.vitalink.example"
#define CDR_HEALTH_URL "https://cdr.vitalink.example/health"   // ok: HTTPS
#define LOCAL_DEBUG_URL "http://localhost:8080/status"          // ok: loopback

static const sec_tag_t sec_tags[] = { 42 };

int uplink_connect_insecure(int fd)
{
    int verify = TLS_PEER_VERIFY_NONE;
    setsockopt(fd, SOL_TLS, TLS_SEC_TAG_LIST, sec_tags, sizeof(sec_tags));
    return setsockopt(fd, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));  // expect: tls-verification-disabled
}

int uplink_connect(int fd)
{
    int verify = TLS_PEER_VERIFY_REQUIRED;
    setsockopt(fd, SOL_TLS, TLS_SEC_TAG_LIST, sec_tags, sizeof(sec_tags));
    setsockopt(fd, SOL_TLS, TLS_HOSTNAME, CDR_HOST, sizeof(CDR_HOST));
    return setsockopt(fd, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));  // ok: verification required
}
