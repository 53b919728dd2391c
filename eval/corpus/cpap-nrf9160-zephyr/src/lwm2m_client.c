/*
 * SleepAir S9 - LwM2M client: device management and firmware update object.
 * SPDX-License-Identifier: LicenseRef-SleepAir
 */
#include <stdio.h>
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/net/lwm2m.h>
#include <modem/modem_info.h>
#include "sleepair.h"

LOG_MODULE_REGISTER(sa_lwm2m, LOG_LEVEL_INF);

#define LWM2M_SERVER_URI     "coaps://lwm2m.sleepair.health:5684"  // ok: DTLS
/* Fallback when the DTLS bootstrap fails on carriers that block UDP 5684. */
#define LWM2M_BOOTSTRAP_URI  "coap://bootstrap.sleepair.health:5683"  // expect: cleartext-url

/* PSK shared with the bootstrap server for the first lot (SA-118: move to per-device keys). */
static const uint8_t bootstrap_psk[16] = {  // expect: private-key-material
	0x5a, 0x13, 0xc9, 0x07, 0x8e, 0x41, 0xb2, 0x6d,
	0xf0, 0x3a, 0x97, 0x2c, 0x65, 0xd8, 0x1e, 0x44,
};

static struct lwm2m_ctx client;
static char endpoint[32];

static void rd_client_event(struct lwm2m_ctx *ctx, enum lwm2m_rd_client_event event)
{
	switch (event) {
	case LWM2M_RD_CLIENT_EVENT_REGISTRATION_COMPLETE:
		LOG_INF("registered as %s", endpoint);
		break;
	case LWM2M_RD_CLIENT_EVENT_BOOTSTRAP_REG_FAILURE:
		LOG_WRN("bootstrap failed, retrying over %s", LWM2M_BOOTSTRAP_URI);  // ok: log of the macro, reported above
		break;
	case LWM2M_RD_CLIENT_EVENT_NETWORK_ERROR:
		LOG_ERR("network error");
		break;
	default:
		break;
	}
}

static int security_setup(bool plain_bootstrap)
{
	int err;

	err = lwm2m_set_string(&LWM2M_OBJ(0, 0, 0), plain_bootstrap ? LWM2M_BOOTSTRAP_URI : LWM2M_SERVER_URI);
	if (err) {
		return err;
	}
	lwm2m_set_u8(&LWM2M_OBJ(0, 0, 1), 1);  /* bootstrap server */
	lwm2m_set_u8(&LWM2M_OBJ(0, 0, 2), plain_bootstrap ? LWM2M_SECURITY_NOSEC : LWM2M_SECURITY_PSK);
	lwm2m_set_string(&LWM2M_OBJ(0, 0, 3), endpoint);
	return lwm2m_set_opaque(&LWM2M_OBJ(0, 0, 5), bootstrap_psk, sizeof(bootstrap_psk));
}

int sleepair_lwm2m_start(bool plain_bootstrap)
{
	char imei[16];
	int err = modem_info_string_get(MODEM_INFO_IMEI, imei, sizeof(imei));

	if (err < 0) {
		return err;
	}
	snprintf(endpoint, sizeof(endpoint), "urn:imei:%s", imei);
	err = security_setup(plain_bootstrap);
	if (err) {
		return err;
	}
	lwm2m_firmware_set_update_cb(sleepair_fota_apply);
	return lwm2m_rd_client_start(&client, endpoint, LWM2M_RD_CLIENT_FLAG_BOOTSTRAP, rd_client_event, NULL);
}
