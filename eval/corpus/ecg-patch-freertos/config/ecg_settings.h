/*
 * CardioPatch W1 - persistent settings (littlefs on the external QSPI flash).
 * Copyright (C) 2024 Meridian Cardio Ltd.
 */
#ifndef ECG_SETTINGS_H
#define ECG_SETTINGS_H

#include "FreeRTOS.h"

#define ECG_SETTINGS_FILE              "/cfg/settings.cbor"
#define ECG_SETTINGS_SSID_MAX          32
#define ECG_SETTINGS_PASSPHRASE_MAX    64   /* ok: a length */
#define ECG_SETTINGS_KEY_DOCK_PSK      "dock.psk"  /* ok: CBOR map key */

/* Fleet provisioning by claim: the claim code unlocks the bootstrap template. */
#define FLEET_TEMPLATE_NAME            "CardioPatchW1Fleet"
#define FLEET_CLAIM_CODE               "cp-claim-94f1e2a7"  /* expect: hardcoded-credential */

typedef struct
{
    char cSsid[ ECG_SETTINGS_SSID_MAX + 1 ];
    char cPassphrase[ ECG_SETTINGS_PASSPHRASE_MAX + 1 ];
} EcgDockCredentials_t;

BaseType_t xEcgSettingsLoadDock( EcgDockCredentials_t * pxOut );
BaseType_t xEcgSettingsStoreDock( const EcgDockCredentials_t * pxIn );

#endif /* ECG_SETTINGS_H */
