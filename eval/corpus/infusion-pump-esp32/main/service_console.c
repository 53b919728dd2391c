/*
 * Cascade IP-7 - biomed service console on UART0.
 *
 * Lets biomedical engineering read the event log, calibrate the pressure
 * sensors and reset occlusion counters. Commands that change calibration
 * require the service login first.
 */
#include <stdio.h>
#include <string.h>
#include "esp_console.h"
#include "esp_log.h"
#include "argtable3/argtable3.h"
#include "pump_config.h"

static const char *TAG = "ip7.svc";

static bool s_logged_in;
static int s_failed_attempts;

static const char *LOGIN_PROMPT = "Enter biomed password: ";  // ok: prompt
static const char *LOGIN_FAILED = "Invalid password, attempts left: %d\n";  // ok: format string

static int cmd_login(int argc, char **argv)
{
    if (argc != 2) {
        printf("%s", LOGIN_PROMPT);
        return 1;
    }
    if (s_failed_attempts >= IP7_SERVICE_LOCKOUT_ATTEMPTS) {
        printf("locked out for %d s\n", IP7_SERVICE_LOCKOUT_S);
        return 1;
    }
    if (strcmp(argv[1], "Casc4de-Biomed!") == 0) {  // expect: hardcoded-credential
        s_logged_in = true;
        s_failed_attempts = 0;
        ESP_LOGW(TAG, "service login");
        return 0;
    }
    s_failed_attempts++;
    printf(LOGIN_FAILED, IP7_SERVICE_LOCKOUT_ATTEMPTS - s_failed_attempts);
    return 1;
}

static int cmd_eventlog(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    extern void ip7_eventlog_dump(FILE *out);
    ip7_eventlog_dump(stdout);
    return 0;
}

static int cmd_calibrate(int argc, char **argv)
{
    if (!s_logged_in) {
        printf("login required\n");
        return 1;
    }
    extern int ip7_pressure_calibrate(int channel);
    int channel = argc > 1 ? atoi(argv[1]) : 0;
    return ip7_pressure_calibrate(channel);
}

static void register_commands(void)
{
    const esp_console_cmd_t login = { .command = "login", .help = "Biomed login", .func = &cmd_login };
    const esp_console_cmd_t eventlog = { .command = "eventlog", .help = "Dump event log", .func = &cmd_eventlog };
    const esp_console_cmd_t calibrate = { .command = "calibrate", .help = "Calibrate pressure channel", .func = &cmd_calibrate };
    ESP_ERROR_CHECK(esp_console_cmd_register(&login));
    ESP_ERROR_CHECK(esp_console_cmd_register(&eventlog));
    ESP_ERROR_CHECK(esp_console_cmd_register(&calibrate));
}

void ip7_service_console_start(void)
{
    esp_console_repl_t *repl = NULL;
    esp_console_repl_config_t repl_config = ESP_CONSOLE_REPL_CONFIG_DEFAULT();
    esp_console_dev_uart_config_t hw_config = ESP_CONSOLE_DEV_UART_CONFIG_DEFAULT();
    repl_config.prompt = "ip7>";
    repl_config.max_cmdline_length = 128;

    register_commands();
    ESP_ERROR_CHECK(esp_console_new_repl_uart(&hw_config, &repl_config, &repl));  // expect: debug-shell-exposed
    ESP_ERROR_CHECK(esp_console_start_repl(repl));
}
