/*
 * CardioPatch W1 - MQTT agent task: TLS connection to AWS IoT Core and the ECG publish queue.
 * Copyright (C) 2024 Meridian Cardio Ltd.
 */
#include <string.h>
#include "FreeRTOS.h"
#include "task.h"
#include "queue.h"
#include "demo_config.h"
#include "core_mqtt.h"
#include "core_mqtt_agent.h"
#include "transport_mbedtls_pkcs11.h"
#include "backoff_algorithm.h"

#define mqttexampleRETRY_MAX_ATTEMPTS       ( 10U )
#define mqttexampleRETRY_BACKOFF_BASE_MS    ( 500U )
#define mqttexampleRETRY_MAX_BACKOFF_MS     ( 30000U )

static NetworkContext_t xNetworkContext;
static TlsTransportParams_t xTlsTransportParams;
static MQTTAgentContext_t xGlobalMqttAgentContext;
static uint8_t ucNetworkBuffer[ democonfigNETWORK_BUFFER_SIZE ];

static TlsTransportStatus_t prvConnectToBroker( void )
{
    NetworkCredentials_t xNetworkCredentials = { 0 };
    const char * pcAlpn[] = { AWS_IOT_MQTT_ALPN, NULL };

    xNetworkCredentials.pAlpnProtos = pcAlpn;
    xNetworkCredentials.disableSni = democonfigDISABLE_SNI;
    xNetworkCredentials.pRootCa = ( const unsigned char * ) democonfigROOT_CA_PEM;
    xNetworkCredentials.rootCaSize = sizeof( democonfigROOT_CA_PEM );
    /* Client certificate and key stay in the PKCS #11 token (secure element). */
    xNetworkCredentials.pClientCertLabel = pkcs11configLABEL_DEVICE_CERTIFICATE_FOR_TLS;
    xNetworkCredentials.pPrivateKeyLabel = pkcs11configLABEL_DEVICE_PRIVATE_KEY_FOR_TLS;

    xNetworkContext.pParams = &xTlsTransportParams;
    return TLS_FreeRTOS_Connect( &xNetworkContext,
                                 democonfigMQTT_BROKER_ENDPOINT,
                                 democonfigMQTT_BROKER_PORT,
                                 &xNetworkCredentials,
                                 democonfigMQTT_TIMEOUT_MS,
                                 democonfigMQTT_TIMEOUT_MS );
}

static MQTTStatus_t prvMqttConnect( void )
{
    MQTTConnectInfo_t xConnectInfo = { 0 };
    bool xSessionPresent = false;

    xConnectInfo.cleanSession = true;
    xConnectInfo.pClientIdentifier = democonfigCLIENT_IDENTIFIER;
    xConnectInfo.clientIdentifierLength = ( uint16_t ) strlen( democonfigCLIENT_IDENTIFIER );
    xConnectInfo.keepAliveIntervalSec = democonfigKEEP_ALIVE_INTERVAL_S;
    xConnectInfo.pUserName = NULL;
    xConnectInfo.pPassword = NULL;  /* ok: X.509 client authentication, no password */

    return MQTT_Connect( &( xGlobalMqttAgentContext.mqttContext ), &xConnectInfo, NULL,
                         democonfigMQTT_TIMEOUT_MS, &xSessionPresent );
}

void vStartMqttAgentTask( void * pvParameters )
{
    BackoffAlgorithmContext_t xReconnectParams;
    uint16_t usNextRetryBackOff = 0U;
    ( void ) pvParameters;

    BackoffAlgorithm_InitializeParams( &xReconnectParams, mqttexampleRETRY_BACKOFF_BASE_MS,
                                       mqttexampleRETRY_MAX_BACKOFF_MS, mqttexampleRETRY_MAX_ATTEMPTS );
    for( ;; )
    {
        if( prvConnectToBroker() == TLS_TRANSPORT_SUCCESS && prvMqttConnect() == MQTTSuccess )
        {
            ( void ) MQTTAgent_CommandLoop( &xGlobalMqttAgentContext );
            TLS_FreeRTOS_Disconnect( &xNetworkContext );
        }
        if( BackoffAlgorithm_GetNextBackoff( &xReconnectParams, uxRand(), &usNextRetryBackOff ) == BackoffAlgorithmRetriesExhausted )
        {
            BackoffAlgorithm_InitializeParams( &xReconnectParams, mqttexampleRETRY_BACKOFF_BASE_MS,
                                               mqttexampleRETRY_MAX_BACKOFF_MS, mqttexampleRETRY_MAX_ATTEMPTS );
        }
        vTaskDelay( pdMS_TO_TICKS( usNextRetryBackOff ) );
    }
}
