/* NutriFlow EF-3 - feed delivery control. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

typedef enum {
    EF3_MODE_CONTINUOUS,
    EF3_MODE_INTERMITTENT,
    EF3_MODE_BOLUS,
} ef3_mode_t;

typedef struct {
    ef3_mode_t mode;
    uint16_t rate_ml_h;
    uint16_t dose_ml;
    uint16_t flush_ml;
    uint16_t flush_interval_min;
} ef3_program_t;

esp_err_t ef3_feed_start(const ef3_program_t *p);
void ef3_feed_stop(void);
uint32_t ef3_feed_delivered_ml(void);
bool ef3_feed_occluded(void);
