/*
 * AeroVent V3 - firmware update from the hospital's device management server.
 */
#ifndef FW_UPDATE_H
#define FW_UPDATE_H

#include <stdint.h>
#include <stdbool.h>

/* Device management server on the biomed VLAN; the image is pulled, never pushed. */
#define FW_SERVER_URL        "http://10.20.0.5/aerovent/v3/av3-main.bin"  // expect: cleartext-url, ota-http-allowed
#define FW_SERVER_HOST       "10.20.0.5"
#define FW_SERVER_PORT       80
#define FW_DOWNLOAD_TIMEOUT  30000u

#define FW_BANK2_ADDR        0x08100000u
#define FW_BANK_SIZE         (1024u * 1024u)
#define FW_HEADER_MAGIC      0x41563346u  /* "AV3F" */

typedef struct {
  uint32_t magic;
  uint32_t version;      /* major << 16 | minor << 8 | patch */
  uint32_t length;
  uint32_t crc32;
  uint8_t  signature[64]; /* ECDSA P-256 over the image, r||s */
} av3_image_header_t;

int  av3_fw_update_download(void);
bool av3_fw_image_valid(const av3_image_header_t *hdr, const uint8_t *img);
void av3_fw_update_confirm_boot(void);

#endif
