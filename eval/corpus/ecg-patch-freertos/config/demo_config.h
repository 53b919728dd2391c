/*
 * CardioPatch W1 - demo/application configuration for the coreMQTT agent and OTA.
 * Copyright (C) 2024 Meridian Cardio Ltd.
 */
#ifndef DEMO_CONFIG_H
#define DEMO_CONFIG_H

#include "aws_clientcredential.h"

/* Logging configuration for the demo. */
#ifndef LIBRARY_LOG_NAME
    #define LIBRARY_LOG_NAME     "ECG"
#endif
#ifndef LIBRARY_LOG_LEVEL
    #define LIBRARY_LOG_LEVEL    LOG_WARN
#endif
#include "logging_stack.h"

/**
 * @brief The MQTT client identifier; the thing name is used.
 */
#define democonfigCLIENT_IDENTIFIER          clientcredentialIOT_THING_NAME

/**
 * @brief Endpoint of the MQTT broker to connect to.
 */
#define democonfigMQTT_BROKER_ENDPOINT       clientcredentialMQTT_BROKER_ENDPOINT

/**
 * @brief The port to use for the demo.
 * For plain-text tests against a local broker use 1883 (never for devices).
 */
#define democonfigMQTT_BROKER_PORT           ( clientcredentialMQTT_BROKER_PORT )

/**
 * @brief Server's root CA certificate (Amazon Root CA 1).
 */
#define democonfigROOT_CA_PEM \
    "-----BEGIN CERTIFICATE-----\n" \
    "ToHLTZCFD32z+OlEs27BPyv+NyTkG0SpUbN1Aa8vMhYg35D0DoHJrXFtHNNvp+1d\n" \
    "zJ0LriZOQa/rZtWZWZXfH7dCMko539LPxmd8DbpSqBN1jPRCdhz+DEJhMng+Jj7W\n" \
    "R42wu3bLlfasIf430HdiIMAKplyDlO9Qgr3kTFdPW7Eo9zyAVJ5QZBMEM8umz91W\n" \
    "Pcqv5lbM42VCVCXhcinmHJfc6raA/87/QlFZkIXBqJ6OVgjzgxUJ1/6e9kO3BFaB\n" \
    "b6/TxayEANHyAH4IpSojwWDftctF8ezLTI2fOwx06RzEyZ4UEeC7/v1Q3alcoDaQ\n" \
    "xwwOnM2HokGXwf4nQ9wTokjdryh2TYJTFUA5yrVmy7viGMtGaYrgNhqtruUqKIVq\n" \
    "lXrOJSOIfLS9fSna0hHz3o/Dj2JImRk258EuqYtLgjgjrwTDH7eYSn40DSk69UNH\n" \
    "oJoq9OF/9f7F6Yw/rm4ZRGlMHRwXyUoQUtXR7sH5q24X01LAN8iuz+l1W61VmOwl\n" \
    "OUgwBHNg91zHDWL41UTv8x8Mt0m7aWzIe9g2BcDfM3qPfacLz2h+doM12aJSNwiJ\n" \
    "Bizo8MrPzvDfYeluYcz09hd3Lf1Xr1V54E6IO/dY7CJfb7OCKCuVIOfW3UJBeXbw\n" \
    "ebYqnOGXxQik/r7Rcuqxr2ppn1pBbttDb0GYmsQQYLTCVzzmcJNZ947RrTNfvuPi\n" \
    "+W8A91qC0BBxqJT6BAmGLdWgkd4gwnZJxL2Z/rCJMMXxqatiBy3KHklxAP1aweTo\n" \
    "cYrCqIE5WHd58J92r5ECVCMIajZTcygdPDe30z3tAz1i9XfITipeEAoLa0or7kbl\n" \
    "JPtQ53BQR9888Wu3WQOMP654/5u7stJN0WJqgkkuMRlIzECaJqyA+3CT0VwTkcID\n" \
    "AfQP6JRljTpHaD1DGP/XvvvdSJHisOxFlYDMLgGtO6Or29v9Lu/c+ds9iqrSPhdP\n" \
    "8c2EpEyF+fUldnZ8uqmJSPx/ALMhgDUDIDroJnbiJLPlcDpUC76Ou/OWn5tCBT+A\n" \
    "izxpxgA4lMpit3LxFCZ+O3kW8ELWTaoY5n+tSkcR0my8+Ik8S9/oETpPpCC43sXr\n" \
    "DUrW57Q83wtukKcKrrt+FpGGx0lHhj5ueblMarVfXYyOc0PrVrlNsg27siQfIKmv\n" \
    "VBd8I+ttY63SZnxvS/JZT1GuZ9EgJhPQhta27y852SufMX0f\n" \
    "-----END CERTIFICATE-----\n"

/**
 * @brief An option to disable Server Name Indication.
 * SNI is required by AWS IoT Core; keep it enabled.
 */
#define democonfigDISABLE_SNI                ( pdFALSE )

/**
 * @brief ALPN (Application-Layer Protocol Negotiation) protocol name for AWS IoT MQTT.
 */
#define AWS_IOT_MQTT_ALPN                    "\x0ex-amzn-mqtt-ca"

/**
 * @brief Topics for the ECG stream and episodes; %s is the thing name.
 */
#define democonfigTOPIC_ECG_STREAM           "cardiopatch/%s/ecg"
#define democonfigTOPIC_EPISODES             "cardiopatch/%s/episodes"

#define democonfigNETWORK_BUFFER_SIZE        ( 4096U )
#define democonfigMQTT_TIMEOUT_MS            ( 5000U )
#define democonfigKEEP_ALIVE_INTERVAL_S      ( 60U )

#endif /* DEMO_CONFIG_H */
