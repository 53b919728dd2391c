/* AeroVent V3 - access to the credentials provisioned into the ATECC608 secure element. */
#ifndef KEYSTORE_H
#define KEYSTORE_H

#include <stddef.h>
#include <stdint.h>

#define AV3_KEYSTORE_SLOT_TLS      0
#define AV3_KEYSTORE_SLOT_FW_SIGN  2  /* public key only */
#define AV3_KEYSTORE_SLOT_SERIAL   8

const unsigned char *av3_keystore_ca(void);
size_t av3_keystore_ca_len(void);
const unsigned char *av3_keystore_cert(void);
size_t av3_keystore_cert_len(void);
const char *av3_keystore_central_host(void);

#endif
