/*
 * Cascade IP-7 infusion pump - compile-time limits and identifiers.
 *
 * Copyright (c) 2023 Cascade Medical Systems GmbH. All rights reserved.
 * Proprietary and confidential. See http://www.cascade-med.io/legal for terms.  // ok: licence URL in a comment
 */
#pragma once

#include <stdint.h>

#define IP7_FW_MODEL              "IP7"
#define IP7_MAX_RATE_ML_H         999.9f
#define IP7_MIN_RATE_ML_H         0.1f
#define IP7_MAX_VTBI_ML           9999.0f
#define IP7_OCCLUSION_LIMIT_MMHG  900u
#define IP7_AIR_IN_LINE_UL        50u

/* Biomed menu */
#define IP7_SERVICE_PASSWORD_MAX_LEN  32   // ok: a length
#define IP7_SERVICE_LOCKOUT_ATTEMPTS  5
#define IP7_SERVICE_LOCKOUT_S         300

/* Telemetry topics; %s is the pump serial number */
#define IP7_TOPIC_TELEMETRY   "cascade/ip7/%s/telemetry"
#define IP7_TOPIC_ALARMS      "cascade/ip7/%s/alarms"
#define IP7_TOPIC_COMMANDS    "cascade/ip7/%s/cmd"

/* Drug library */
#define IP7_DRUG_LIB_MAX_ENTRIES  2500
#define IP7_DRUG_LIB_PATH         "/spiffs/druglib.bin"

typedef enum {
    IP7_STATE_IDLE = 0,
    IP7_STATE_PRIMING,
    IP7_STATE_INFUSING,
    IP7_STATE_PAUSED,
    IP7_STATE_ALARM,
    IP7_STATE_SERVICE,
} ip7_state_t;

typedef struct {
    float rate_ml_h;
    float vtbi_ml;
    float infused_ml;
    uint16_t drug_id;
    ip7_state_t state;
} ip7_infusion_t;

void ip7_wifi_start(void);
void ip7_ota_task(void *arg);
void ip7_telemetry_start(const char *serial);
void ip7_ble_start(void);
void ip7_service_console_start(void);
