/*
 * CardioPatch W1 - coreMQTT configuration.
 * Copyright (C) 2024 Meridian Cardio Ltd.
 */
#ifndef CORE_MQTT_CONFIG_H
#define CORE_MQTT_CONFIG_H

#include "logging_levels.h"
#ifndef LIBRARY_LOG_NAME
    #define LIBRARY_LOG_NAME    "MQTT"
#endif
#ifndef LIBRARY_LOG_LEVEL
    #define LIBRARY_LOG_LEVEL   LOG_ERROR
#endif
#include "logging_stack.h"

#define MQTT_STATE_ARRAY_MAX_COUNT       10U
#define MQTT_PINGRESP_TIMEOUT_MS         5000U
#define MQTT_RECV_POLLING_TIMEOUT_MS     1000U
#define MQTT_SEND_TIMEOUT_MS             5000U
#define MQTT_AGENT_COMMAND_QUEUE_LENGTH  25
#define MQTT_COMMAND_CONTEXTS_POOL_SIZE  10
#define MQTT_AGENT_MAX_OUTSTANDING_ACKS  20U

#endif /* CORE_MQTT_CONFIG_H */
