/*
 * CardioPatch W1 - AWS IoT OTA library configuration.
 * Copyright (C) 2024 Meridian Cardio Ltd.
 */
#ifndef OTA_CONFIG_H_
#define OTA_CONFIG_H_

/**
 * @brief Log base 2 of the size of the file data block message (excluding the header).
 */
#define otaconfigLOG2_FILE_BLOCK_SIZE           12UL

/**
 * @brief Size of the file data block message (excluding the header).
 */
#define otaconfigFILE_BLOCK_SIZE                ( 1UL << otaconfigLOG2_FILE_BLOCK_SIZE )

/**
 * @brief Milliseconds to wait for the self test phase to succeed before we force reset.
 */
#define otaconfigSELF_TEST_RESPONSE_WAIT_MS     16000U

/**
 * @brief Milliseconds to wait before requesting data blocks from the OTA service if nothing is happening.
 */
#define otaconfigFILE_REQUEST_WAIT_MS           10000U

/**
 * @brief The maximum allowed length of the thing name used by the OTA agent.
 */
#define otaconfigMAX_THINGNAME_LEN              128U

/**
 * @brief The maximum number of data blocks requested from OTA streaming service.
 */
#define otaconfigMAX_NUM_BLOCKS_REQUEST         1U

/**
 * @brief The maximum number of requests allowed to send without a response before we abort.
 */
#define otaconfigMAX_NUM_REQUEST_MOMENTUM       32U

/**
 * @brief How frequently the device will report its OTA progress to the cloud.
 */
#define otaconfigOTA_UPDATE_STATUS_FREQUENCY    64U

/**
 * @brief The number of data buffers reserved by the OTA agent.
 */
#define otaconfigMAX_NUM_OTA_DATA_BUFFERS       2U

/**
 * @brief Allow update to same or lower version.
 *
 * Set to 1 during field trials so that a bad build can be replaced by the previous one.
 */
#define otaconfigAllowDowngrade                 1U  /* expect: anti-rollback-disabled */

/**
 * @brief The protocol selected for OTA control operations.
 */
#define configENABLED_CONTROL_PROTOCOL          ( OTA_CONTROL_OVER_MQTT )

/**
 * @brief The protocol selected for OTA data operations.
 */
#define configENABLED_DATA_PROTOCOLS            ( OTA_DATA_OVER_MQTT )

/**
 * @brief The preferred protocol selected for OTA data operations.
 */
#define configOTA_PRIMARY_DATA_PROTOCOL         ( OTA_DATA_OVER_MQTT )

#endif /* OTA_CONFIG_H_ */
