/*
 * AeroVent V3 - firmware update: download into bank 2, validate, swap banks.
 *
 * The ventilator only installs an update while it is in standby (no patient
 * connected) and the biomed has confirmed it on the front panel.
 */
#include <string.h>
#include "main.h"
#include "cmsis_os.h"
#include "lwip/api.h"
#include "fw_update.h"
#include "av3_ecdsa.h"

extern CRC_HandleTypeDef hcrc;

static const uint32_t s_running_version =
    (AV3_FW_VERSION_MAJOR << 16) | (AV3_FW_VERSION_MINOR << 8) | AV3_FW_VERSION_PATCH;

static int flash_write_bank2(uint32_t offset, const uint8_t *data, size_t len)
{
  HAL_FLASH_Unlock();
  for (size_t i = 0; i < len; i += 32)
  {
    if (HAL_FLASH_Program(FLASH_TYPEPROGRAM_FLASHWORD, FW_BANK2_ADDR + offset + i, (uint32_t)(data + i)) != HAL_OK)
    {
      HAL_FLASH_Lock();
      return -1;
    }
  }
  HAL_FLASH_Lock();
  return 0;
}

bool av3_fw_image_valid(const av3_image_header_t *hdr, const uint8_t *img)
{
  if (hdr->magic != FW_HEADER_MAGIC || hdr->length == 0 || hdr->length > FW_BANK_SIZE - sizeof(*hdr))
  {
    return false;
  }
  if (hdr->version <= s_running_version)  /* no downgrades */
  {
    return false;
  }
  uint32_t crc = HAL_CRC_Calculate(&hcrc, (uint32_t *)img, hdr->length / 4);  // expect: crc-only-image-check
  if (crc != hdr->crc32)
  {
    return false;
  }
#if 0  // expect: signature-check-compiled-out
  /* Disabled until the signing server is in production (AV3-1187). */
  if (!av3_ecdsa_p256_verify(AV3_FW_SIGNING_PUBKEY, img, hdr->length, hdr->signature))
  {
    return false;
  }
#endif
  return true;
}

int av3_fw_update_download(void)
{
  struct netconn *conn = netconn_new(NETCONN_TCP);
  struct netbuf *buf;
  ip_addr_t server;
  char request[160];
  uint32_t offset = 0;
  av3_image_header_t hdr;
  bool have_header = false;

  if (conn == NULL)
  {
    return -1;
  }
  ipaddr_aton(FW_SERVER_HOST, &server);
  netconn_set_recvtimeout(conn, FW_DOWNLOAD_TIMEOUT);
  if (netconn_connect(conn, &server, FW_SERVER_PORT) != ERR_OK)
  {
    netconn_delete(conn);
    return -1;
  }
  int n = snprintf(request, sizeof(request), "GET /aerovent/v3/av3-main.bin HTTP/1.0\r\nHost: %s\r\n\r\n", FW_SERVER_HOST);
  netconn_write(conn, request, n, NETCONN_COPY);

  while (netconn_recv(conn, &buf) == ERR_OK)
  {
    void *data;
    u16_t len;
    do
    {
      netbuf_data(buf, &data, &len);
      if (!have_header && len >= sizeof(hdr))
      {
        memcpy(&hdr, data, sizeof(hdr));
        have_header = true;
      }
      flash_write_bank2(offset, data, len);
      offset += len;
    } while (netbuf_next(buf) >= 0);
    netbuf_delete(buf);
  }
  netconn_close(conn);
  netconn_delete(conn);

  if (!have_header || !av3_fw_image_valid(&hdr, (const uint8_t *)(FW_BANK2_ADDR + sizeof(hdr))))
  {
    return -2;
  }
  return 0;
}

void av3_fw_update_confirm_boot(void)
{
  /* Bank swap is confirmed once the power-on self-test passed (see POST in control.c). */
  extern bool av3_post_passed(void);
  if (!av3_post_passed())
  {
    HAL_FLASHEx_OB_SwapBank();
  }
}
