/*
 * CardioPatch W1 - fleet provisioning: trade the bootstrap identity for a per-device one.
 * Copyright (C) 2024 Meridian Cardio Ltd.
 */
#include <stdio.h>
#include <string.h>
#include "FreeRTOS.h"
#include "demo_config.h"
#include "ecg_settings.h"
#include "fleet_provisioning.h"
#include "core_pkcs11_config.h"
#include "pkcs11_helpers.h"

#define PROV_TOPIC_BUFFER_LEN   256
#define PROV_PAYLOAD_MAX        2048

typedef struct
{
    const char * pcTemplate;
    const char * pcSerial;
    const char * pcClaimPassword;
} ProvRequest_t;

static char cTopic[ PROV_TOPIC_BUFFER_LEN ];
static uint8_t ucPayload[ PROV_PAYLOAD_MAX ];

extern BaseType_t xPublishAndWait( const char * pcTopic, const uint8_t * pucPayload, size_t xLen,
                                   uint8_t * pucResponse, size_t * pxResponseLen );

static size_t prvEncodeRegister( const ProvRequest_t * pxReq, const char * pcOwnershipToken, uint8_t * pucOut, size_t xCap )
{
    return ( size_t ) snprintf( ( char * ) pucOut, xCap,
                                "{\"certificateOwnershipToken\":\"%s\",\"parameters\":{\"SerialNumber\":\"%s\",\"ClaimCode\":\"%s\"}}",
                                pcOwnershipToken, pxReq->pcSerial, pxReq->pcClaimPassword );
}

BaseType_t xProvisionDevice( const char * pcSerial )
{
    ProvRequest_t xReq =
    {
        .pcTemplate = FLEET_TEMPLATE_NAME,
        .pcSerial = pcSerial,
        .pcClaimPassword = FLEET_CLAIM_CODE,  /* ok: the macro's literal is reported in ecg_settings.h */
    };
    char cOwnershipToken[ 512 ];
    size_t xLen = sizeof( ucPayload );

    /* 1. Create a key pair in the secure element and ask AWS to sign a CSR for it. */
    if( xGenerateKeyAndCsr( pkcs11configLABEL_DEVICE_PRIVATE_KEY_FOR_TLS, ( char * ) ucPayload, &xLen ) != pdPASS )
    {
        return pdFAIL;
    }
    FleetProvisioning_GetTopic( cTopic, sizeof( cTopic ), FleetProvCborCreateCertFromCsrPublish, NULL, 0, NULL );
    if( xPublishAndWait( cTopic, ucPayload, xLen, ucPayload, &xLen ) != pdPASS ||
        xStoreCertificateFromResponse( ucPayload, xLen, cOwnershipToken, sizeof( cOwnershipToken ) ) != pdPASS )
    {
        return pdFAIL;
    }

    /* 2. Register the thing with the fleet template. */
    xLen = prvEncodeRegister( &xReq, cOwnershipToken, ucPayload, sizeof( ucPayload ) );
    FleetProvisioning_GetTopic( cTopic, sizeof( cTopic ), FleetProvCborRegisterThingPublish, FLEET_TEMPLATE_NAME,
                                ( uint16_t ) strlen( FLEET_TEMPLATE_NAME ), NULL );
    return xPublishAndWait( cTopic, ucPayload, xLen, ucPayload, &xLen );
}
