/*
 * AeroVent V3 - alarm manager: latching, escalation and the audible pattern.
 * Priorities and tones follow IEC 60601-1-8; remote silencing is not supported.
 */
#include "main.h"
#include "cmsis_os.h"
#include "alarm_mgr.h"

typedef struct {
  av3_alarm_priority_t priority;
  uint8_t latching;
  uint32_t raised_at;
  uint8_t active;
} alarm_slot_t;

static alarm_slot_t s_alarms[AV3_ALM_COUNT] = {
  [AV3_ALM_HIGH_PRESSURE]     = { AV3_ALARM_HIGH, 1, 0, 0 },
  [AV3_ALM_LOW_PRESSURE]      = { AV3_ALARM_HIGH, 1, 0, 0 },
  [AV3_ALM_APNEA]             = { AV3_ALARM_HIGH, 1, 0, 0 },
  [AV3_ALM_LOW_MINUTE_VOLUME] = { AV3_ALARM_MEDIUM, 0, 0, 0 },
  [AV3_ALM_O2_SUPPLY]         = { AV3_ALARM_HIGH, 1, 0, 0 },
  [AV3_ALM_POWER_FAIL]        = { AV3_ALARM_MEDIUM, 0, 0, 0 },
  [AV3_ALM_TECHNICAL]         = { AV3_ALARM_LOW, 0, 0, 0 },
};

static const uint16_t s_tone_period_ms[] = { 0, 8000, 2500, 1000 };

#if 0  // ok: retired tone table of the V2 buzzer, no verification inside
static const uint16_t s_tone_period_v2_ms[] = { 0, 10000, 3000, 1200 };
#endif

void av3_alarm_raise(av3_alarm_id_t id)
{
  if (id >= AV3_ALM_COUNT || s_alarms[id].active)
  {
    return;
  }
  s_alarms[id].active = 1;
  s_alarms[id].raised_at = osKernelGetTickCount();
}

void av3_alarm_clear(av3_alarm_id_t id)
{
  if (id < AV3_ALM_COUNT && !s_alarms[id].latching)
  {
    s_alarms[id].active = 0;
  }
}

av3_alarm_priority_t av3_alarm_highest(void)
{
  av3_alarm_priority_t highest = AV3_ALARM_NONE;
  for (int i = 0; i < AV3_ALM_COUNT; i++)
  {
    if (s_alarms[i].active && s_alarms[i].priority > highest)
    {
      highest = s_alarms[i].priority;
    }
  }
  return highest;
}

void av3_alarm_evaluate(void)
{
  static uint32_t last_toggle;
  static uint8_t tone_on;
  av3_alarm_priority_t p = av3_alarm_highest();
  uint32_t now = osKernelGetTickCount();

  if (p == AV3_ALARM_NONE)
  {
    HAL_GPIO_WritePin(ALARM_BUZZER_GPIO_Port, ALARM_BUZZER_Pin, GPIO_PIN_RESET);
    tone_on = 0;
    return;
  }
  if (now - last_toggle >= (tone_on ? 200u : s_tone_period_ms[p]))
  {
    tone_on = !tone_on;
    last_toggle = now;
    HAL_GPIO_WritePin(ALARM_BUZZER_GPIO_Port, ALARM_BUZZER_Pin, tone_on ? GPIO_PIN_SET : GPIO_PIN_RESET);
  }
}
