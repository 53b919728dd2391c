/*
 * CardioPatch W1 - Wi-Fi association through the ESP-AT co-processor.
 *
 * In the field the patch only uses the dock's hotspot credentials it received
 * during pairing; the factory credentials below are used on the production line.
 */
#include <string.h>
#include "FreeRTOS.h"
#include "task.h"
#include "iot_wifi.h"
#include "aws_clientcredential.h"
#include "ecg_settings.h"

static BaseType_t prvJoin( const char * pcSsid, const char * pcPassphrase )
{
    WIFINetworkParams_t xNetworkParams = { 0 };

    xNetworkParams.ucSSIDLength = ( uint8_t ) strnlen( pcSsid, wificonfigMAX_SSID_LEN );
    memcpy( xNetworkParams.ucSSID, pcSsid, xNetworkParams.ucSSIDLength );
    xNetworkParams.xPassword.xWPA.ucLength = ( uint8_t ) strnlen( pcPassphrase, wificonfigMAX_PASSPHRASE_LEN );
    memcpy( xNetworkParams.xPassword.xWPA.cPassphrase, pcPassphrase, xNetworkParams.xPassword.xWPA.ucLength );
    xNetworkParams.xSecurity = clientcredentialWIFI_SECURITY;
    xNetworkParams.ucChannel = 0;
    return WIFI_ConnectAP( &xNetworkParams ) == eWiFiSuccess ? pdPASS : pdFAIL;
}

void vWifiTask( void * pvParameters )
{
    EcgDockCredentials_t xDock;
    ( void ) pvParameters;

    WIFI_On();
    for( ;; )
    {
        if( WIFI_IsConnected( NULL ) == pdFALSE )
        {
            if( xEcgSettingsLoadDock( &xDock ) == pdPASS )
            {
                ( void ) prvJoin( xDock.cSsid, xDock.cPassphrase );  /* ok: runtime credentials from settings */
                memset( &xDock, 0, sizeof( xDock ) );
            }
            else
            {
                ( void ) prvJoin( clientcredentialWIFI_SSID, clientcredentialWIFI_PASSWORD );  /* ok: macro use, the literal is in the header */
            }
        }
        vTaskDelay( pdMS_TO_TICKS( 10000 ) );
    }
}
