/*
 * NutriFlow EF-3 - peristaltic feed delivery: stepper rate control and occlusion detection.
 */
#include "esp_err.h"
#include "esp_log.h"
#include "esp_timer.h"
#include "driver/gpio.h"
#include "driver/mcpwm_prelude.h"
#include "driver/adc.h"
#include "feed_ctrl.h"
#include "sdkconfig.h"

static const char *TAG = "ef3.feed";

#define STEPS_PER_ML        412u
#define OCCLUSION_ADC_CH    ADC1_CHANNEL_4
#define OCCLUSION_THRESHOLD 2900

static ef3_program_t s_program;
static uint64_t s_steps;
static mcpwm_timer_handle_t s_timer;
static bool s_running;

static bool IRAM_ATTR on_step(mcpwm_timer_handle_t timer, const mcpwm_timer_event_data_t *edata, void *ctx)
{
    s_steps++;
    return false;
}

esp_err_t ef3_feed_start(const ef3_program_t *p)
{
    if (p->rate_ml_h == 0 || p->rate_ml_h > CONFIG_EF3_FEED_RATE_MAX_ML_H) {
        return ESP_ERR_INVALID_ARG;
    }
    s_program = *p;
    uint32_t steps_per_hour = (uint32_t)p->rate_ml_h * STEPS_PER_ML;
    mcpwm_timer_config_t cfg = {
        .group_id = 0,
        .clk_src = MCPWM_TIMER_CLK_SRC_DEFAULT,
        .resolution_hz = 1000000,
        .count_mode = MCPWM_TIMER_COUNT_MODE_UP,
        .period_ticks = (uint32_t)(3600ULL * 1000000ULL / steps_per_hour),
    };
    ESP_ERROR_CHECK(mcpwm_new_timer(&cfg, &s_timer));
    mcpwm_timer_event_callbacks_t cbs = { .on_full = on_step };
    ESP_ERROR_CHECK(mcpwm_timer_register_event_callbacks(s_timer, &cbs, NULL));
    ESP_ERROR_CHECK(mcpwm_timer_enable(s_timer));
    ESP_ERROR_CHECK(mcpwm_timer_start_stop(s_timer, MCPWM_TIMER_START_NO_STOP));
    s_running = true;
    ESP_LOGI(TAG, "feeding at %u mL/h", p->rate_ml_h);
    return ESP_OK;
}

void ef3_feed_stop(void)
{
    if (s_running) {
        mcpwm_timer_start_stop(s_timer, MCPWM_TIMER_STOP_EMPTY);
        mcpwm_timer_disable(s_timer);
        mcpwm_del_timer(s_timer);
        s_running = false;
    }
}

uint32_t ef3_feed_delivered_ml(void)
{
    return (uint32_t)(s_steps / STEPS_PER_ML);
}

bool ef3_feed_occluded(void)
{
    return adc1_get_raw(OCCLUSION_ADC_CH) > OCCLUSION_THRESHOLD;
}
