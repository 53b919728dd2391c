/*
 * AeroVent V3 - biomed service menu on USART3 (service connector behind the rear cover).
 *
 * Menu: 1) sensor readout  2) flow calibration  3) event log  4) firmware update
 * Calibration and firmware update require the service password.
 */
#include <stdio.h>
#include <string.h>
#include "main.h"
#include "cmsis_os.h"
#include "fw_update.h"

extern UART_HandleTypeDef huart3;

#define SERVICE_PASSWORD        "AeroV3nt#svc"  // expect: hardcoded-credential
#define SERVICE_PASSWORD_MAXLEN 24  // ok: a length
#define SERVICE_LINE_MAX        64

static const char k_banner[] = "\r\nAeroVent V3 service port\r\n";
static const char k_password_prompt[] = "Service password: ";  // ok: prompt
static const char k_wrong_password[] = "Wrong password\r\n";  // ok: message

static bool s_authorised;

static void svc_write(const char *s)
{
  HAL_UART_Transmit(&huart3, (const uint8_t *)s, (uint16_t)strlen(s), 100);
}

static size_t svc_read_line(char *buf, size_t cap, bool echo)
{
  size_t n = 0;
  uint8_t ch;
  while (n + 1 < cap)
  {
    if (HAL_UART_Receive(&huart3, &ch, 1, HAL_MAX_DELAY) != HAL_OK)
    {
      continue;
    }
    if (ch == '\r' || ch == '\n')
    {
      break;
    }
    buf[n++] = (char)ch;
    if (echo)
    {
      HAL_UART_Transmit(&huart3, &ch, 1, 10);
    }
  }
  buf[n] = '\0';
  svc_write("\r\n");
  return n;
}

static bool svc_login(void)
{
  char entered[SERVICE_PASSWORD_MAXLEN + 1];
  svc_write(k_password_prompt);
  svc_read_line(entered, sizeof(entered), false);
  bool ok = strcmp(entered, SERVICE_PASSWORD) == 0;
  memset(entered, 0, sizeof(entered));
  if (!ok)
  {
    svc_write(k_wrong_password);
    osDelay(3000);
  }
  return ok;
}

static void svc_sensor_readout(void)
{
  char line[96];
  extern float av3_pressure_cmh2o(void);
  extern float av3_flow_lpm(void);
  extern float av3_fio2_percent(void);
  snprintf(line, sizeof(line), "P=%.1f cmH2O  F=%.1f L/min  FiO2=%.0f%%\r\n", av3_pressure_cmh2o(), av3_flow_lpm(), av3_fio2_percent());
  svc_write(line);
}

void StartServiceTask(void *argument)
{
  char line[SERVICE_LINE_MAX];
  svc_write(k_banner);
  for (;;)
  {
    svc_write("> ");
    svc_read_line(line, sizeof(line), true);
    if (strcmp(line, "1") == 0)
    {
      svc_sensor_readout();
    }
    else if (strcmp(line, "2") == 0 || strcmp(line, "4") == 0)
    {
      if (!s_authorised)
      {
        s_authorised = svc_login();
      }
      if (s_authorised && line[0] == '4')
      {
        svc_write(av3_fw_update_download() == 0 ? "update staged\r\n" : "update failed\r\n");
      }
    }
    else if (strcmp(line, "3") == 0)
    {
      extern void av3_eventlog_print(void (*out)(const char *));
      av3_eventlog_print(svc_write);
    }
  }
}
