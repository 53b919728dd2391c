/*
 * CardioPatch W1 - connection settings for AWS IoT Core.
 *
 * Copyright (C) 2024 Meridian Cardio Ltd.
 * Layout follows the FreeRTOS reference integration; see
 * https://www.freertos.org/iot-device-shadow/ for the field descriptions.
 */
#ifndef __AWS_CLIENTCREDENTIAL__H__
#define __AWS_CLIENTCREDENTIAL__H__

/*
 * @brief MQTT Broker endpoint.
 *
 * @todo Set this to the fully-qualified DNS name of your MQTT broker.
 */
#define clientcredentialMQTT_BROKER_ENDPOINT    "a3k7odshaiipe8-ats.iot.eu-west-1.amazonaws.com"

/*
 * @brief Host name.
 */
#define clientcredentialIOT_THING_NAME          "cardiopatch-w1-bootstrap"

/*
 * @brief Port number the MQTT broker is using.
 */
#define clientcredentialMQTT_BROKER_PORT        8883  /* ok: MQTT over TLS */

/*
 * @brief Port number the Green Grass Discovery use for JSON retrieval from cloud is using.
 */
#define clientcredentialGREENGRASS_DISCOVERY_PORT 8443

/*
 * @brief Wi-Fi network to join (the charging dock's hotspot during manufacturing).
 */
#define clientcredentialWIFI_SSID               "CP-Dock-Setup"

/*
 * @brief Password needed to join Wi-Fi network.
 */
#define clientcredentialWIFI_PASSWORD           "Dock#Ecg!2291"  /* expect: hardcoded-credential */

/**
 * @brief Wi-Fi network security type.
 *
 * Possible values are - eWiFiSecurityOpen, eWiFiSecurityWEP, eWiFiSecurityWPA,
 * eWiFiSecurityWPA2 (depends on support from your device).
 */
#define clientcredentialWIFI_SECURITY           eWiFiSecurityWPA2

#endif /* ifndef __AWS_CLIENTCREDENTIAL__H__ */
