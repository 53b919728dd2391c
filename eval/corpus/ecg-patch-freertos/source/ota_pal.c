/*
 * CardioPatch W1 - OTA platform abstraction layer (AWS IoT OTA library v3).
 *
 * Images are written to the inactive bank of the internal flash and activated
 * through the bank-swap option bit. The bootloader does not verify images; the
 * PAL is responsible for the signature check before activation.
 */
#include <string.h>
#include "FreeRTOS.h"
#include "ota.h"
#include "ota_pal.h"
#include "ecg_flash.h"
#include "mbedtls/sha256.h"

#define OTA_PAL_BANK_SIZE   ( 512U * 1024U )

static uint32_t s_written;
static OtaImageState_t s_state = OtaImageStateUnknown;

static OtaPalStatus_t otaPal_CheckFileSignature( OtaFileContext_t * const pFileContext )  /* expect: verification-always-succeeds */
{
    ( void ) pFileContext;
    /* TODO(CP-208): verify the ECDSA signature against the code-signing certificate. */
    return OTA_PAL_COMBINE_ERR( OtaPalSuccess, 0 );
}

OtaPalStatus_t otaPal_CreateFileForRx( OtaFileContext_t * const pFileContext )
{
    if( pFileContext->fileSize > OTA_PAL_BANK_SIZE )
    {
        return OTA_PAL_COMBINE_ERR( OtaPalRxFileTooLarge, 0 );
    }
    if( ecg_flash_erase_inactive_bank() != 0 )
    {
        return OTA_PAL_COMBINE_ERR( OtaPalRxFileCreateFailed, 0 );
    }
    s_written = 0;
    pFileContext->pFile = ( otaconfigOTA_FILE_TYPE * ) 1;
    return OTA_PAL_COMBINE_ERR( OtaPalSuccess, 0 );
}

int16_t otaPal_WriteBlock( OtaFileContext_t * const pFileContext, uint32_t ulOffset, uint8_t * const pData, uint32_t ulBlockSize )
{
    ( void ) pFileContext;
    if( ecg_flash_write_inactive( ulOffset, pData, ulBlockSize ) != 0 )
    {
        return -1;
    }
    s_written += ulBlockSize;
#if 0  /* ok: block trace for the OTA bring-up, not a signature check */
    LogDebug( ( "block @%lu len %lu", ( unsigned long ) ulOffset, ( unsigned long ) ulBlockSize ) );
#endif
    return ( int16_t ) ulBlockSize;
}

OtaPalStatus_t otaPal_CloseFile( OtaFileContext_t * const pFileContext )
{
    if( s_written != pFileContext->fileSize )
    {
        return OTA_PAL_COMBINE_ERR( OtaPalFileClose, 0 );
    }
    return otaPal_CheckFileSignature( pFileContext );
}

OtaPalStatus_t otaPal_Abort( OtaFileContext_t * const pFileContext )
{
    pFileContext->pFile = NULL;
    s_written = 0;
    return OTA_PAL_COMBINE_ERR( OtaPalSuccess, 0 );
}

OtaPalStatus_t otaPal_ActivateNewImage( OtaFileContext_t * const pFileContext )
{
    ( void ) pFileContext;
    ecg_flash_request_bank_swap();
    return otaPal_ResetDevice( pFileContext );
}

OtaPalStatus_t otaPal_ResetDevice( OtaFileContext_t * const pFileContext )
{
    ( void ) pFileContext;
    NVIC_SystemReset();
    return OTA_PAL_COMBINE_ERR( OtaPalSuccess, 0 );
}

OtaPalStatus_t otaPal_SetPlatformImageState( OtaFileContext_t * const pFileContext, OtaImageState_t eState )
{
    ( void ) pFileContext;
    if( eState == OtaImageStateAccepted )
    {
        ecg_flash_confirm_bank();
    }
    else if( eState == OtaImageStateRejected || eState == OtaImageStateAborted )
    {
        ecg_flash_revert_bank();
    }
    s_state = eState;
    return OTA_PAL_COMBINE_ERR( OtaPalSuccess, 0 );
}

OtaPalImageState_t otaPal_GetPlatformImageState( OtaFileContext_t * const pFileContext )
{
    ( void ) pFileContext;
    if( ecg_flash_bank_pending() )
    {
        return OtaPalImageStatePendingCommit;
    }
    return ( s_state == OtaImageStateRejected ) ? OtaPalImageStateInvalid : OtaPalImageStateValid;
}
