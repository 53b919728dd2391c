/*
 * CardioPatch W1 - ECG acquisition (ADS1292 over SPI, 250 S/s) and batched publishing.
 * Copyright (C) 2024 Meridian Cardio Ltd.
 */
#include <stdio.h>
#include <string.h>
#include "FreeRTOS.h"
#include "task.h"
#include "queue.h"
#include "demo_config.h"
#include "ecg_filter.h"
#include "ads1292.h"
#include "mqtt_agent_publish.h"

#define ECG_SAMPLE_RATE_HZ    250
#define ECG_BATCH_SAMPLES     500   /* 2 s per message */
#define ECG_LEAD_OFF_LIMIT    3

static int16_t sBatch[ ECG_BATCH_SAMPLES ];
static char cTopic[ 96 ];
static QueueHandle_t xSampleQueue;

static void prvDrdyCallback( void )
{
    int32_t lRaw;
    BaseType_t xWoken = pdFALSE;
    if( ads1292_read_channel( 1, &lRaw ) == 0 )
    {
        int16_t s = ( int16_t ) ( lRaw >> 8 );
        xQueueSendFromISR( xSampleQueue, &s, &xWoken );
    }
    portYIELD_FROM_ISR( xWoken );
}

void vEcgStreamTask( void * pvParameters )
{
    size_t xCount = 0;
    uint8_t ucLeadOff = 0;
    ( void ) pvParameters;

    snprintf( cTopic, sizeof( cTopic ), democonfigTOPIC_ECG_STREAM, democonfigCLIENT_IDENTIFIER );
    xSampleQueue = xQueueCreate( 64, sizeof( int16_t ) );
    vEcgFilterReset();
    ads1292_init( ECG_SAMPLE_RATE_HZ, prvDrdyCallback );

    for( ;; )
    {
        int16_t sRaw;
        if( xQueueReceive( xSampleQueue, &sRaw, pdMS_TO_TICKS( 100 ) ) != pdPASS )
        {
            continue;
        }
        sBatch[ xCount++ ] = sEcgFilterSample( sRaw );
        if( xCount == ECG_BATCH_SAMPLES )
        {
            ucLeadOff = ads1292_lead_off() ? ( uint8_t ) ( ucLeadOff + 1U ) : 0U;
            if( ucLeadOff < ECG_LEAD_OFF_LIMIT )
            {
                ( void ) xMqttAgentPublish( cTopic, ( const uint8_t * ) sBatch, sizeof( sBatch ), 1 );
            }
            xCount = 0;
        }
    }
}
