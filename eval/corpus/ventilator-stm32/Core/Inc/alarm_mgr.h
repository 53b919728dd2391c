/* AeroVent V3 - alarm manager (IEC 60601-1-8 priorities). */
#ifndef ALARM_MGR_H
#define ALARM_MGR_H

#include <stdint.h>

typedef enum {
  AV3_ALARM_NONE = 0,
  AV3_ALARM_LOW,
  AV3_ALARM_MEDIUM,
  AV3_ALARM_HIGH,
} av3_alarm_priority_t;

typedef enum {
  AV3_ALM_HIGH_PRESSURE,
  AV3_ALM_LOW_PRESSURE,
  AV3_ALM_APNEA,
  AV3_ALM_LOW_MINUTE_VOLUME,
  AV3_ALM_O2_SUPPLY,
  AV3_ALM_POWER_FAIL,
  AV3_ALM_TECHNICAL,
  AV3_ALM_COUNT
} av3_alarm_id_t;

void av3_alarm_raise(av3_alarm_id_t id);
void av3_alarm_clear(av3_alarm_id_t id);
void av3_alarm_evaluate(void);
av3_alarm_priority_t av3_alarm_highest(void);

#endif
