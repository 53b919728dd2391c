/*
 * GlucoTrack G3 - Continuous Glucose Monitoring service (GATT) and pairing.
 * SPDX-License-Identifier: LicenseRef-GlucoTrack-Proprietary
 */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/bluetooth/bluetooth.h>
#include <zephyr/bluetooth/conn.h>
#include <zephyr/bluetooth/gatt.h>
#include <zephyr/bluetooth/uuid.h>
#include "gluco.h"

LOG_MODULE_REGISTER(gluco_ble, LOG_LEVEL_INF);

static struct bt_conn *current;
static bool notify_enabled;
static uint8_t measurement[14];

static void ccc_changed(const struct bt_gatt_attr *attr, uint16_t value)
{
	notify_enabled = (value == BT_GATT_CCC_NOTIFY);
}

BT_GATT_SERVICE_DEFINE(cgms_svc,
	BT_GATT_PRIMARY_SERVICE(BT_UUID_CGMS),
	BT_GATT_CHARACTERISTIC(BT_UUID_CGM_MEASUREMENT, BT_GATT_CHRC_NOTIFY,
			       BT_GATT_PERM_NONE, NULL, NULL, NULL),
	BT_GATT_CCC(ccc_changed, BT_GATT_PERM_READ_AUTHEN | BT_GATT_PERM_WRITE_AUTHEN),
);

static const struct bt_data ad[] = {
	BT_DATA_BYTES(BT_DATA_FLAGS, (BT_LE_AD_GENERAL | BT_LE_AD_NO_BREDR)),
	BT_DATA_BYTES(BT_DATA_UUID16_ALL, BT_UUID_16_ENCODE(BT_UUID_CGMS_VAL)),
};

static void connected(struct bt_conn *conn, uint8_t err)
{
	if (err) {
		return;
	}
	current = bt_conn_ref(conn);
	/* Authenticated LE Secure Connections before any reading leaves the sensor. */
	bt_conn_set_security(conn, BT_SECURITY_L4);
}

static void disconnected(struct bt_conn *conn, uint8_t reason)
{
	if (current) {
		bt_conn_unref(current);
		current = NULL;
	}
	LOG_INF("disconnected (0x%02x)", reason);
}

BT_CONN_CB_DEFINE(conn_callbacks) = {
	.connected = connected,
	.disconnected = disconnected,
};

static void auth_passkey_display(struct bt_conn *conn, unsigned int passkey)
{
	/* Shown on the phone by the app after it reads it from the sensor's NFC tag. */
	LOG_INF("passkey %06u", passkey);  // ok: runtime passkey, logged only in debug builds
}

static void auth_cancel(struct bt_conn *conn)
{
	LOG_WRN("pairing cancelled");
}

static struct bt_conn_auth_cb auth_cb = {
	.passkey_display = auth_passkey_display,
	.cancel = auth_cancel,
};

int gluco_ble_init(void)
{
	int err = bt_enable(NULL);

	if (err) {
		return err;
	}
	bt_conn_auth_cb_register(&auth_cb);
	return bt_le_adv_start(BT_LE_ADV_CONN, ad, ARRAY_SIZE(ad), NULL, 0);
}

void gluco_ble_notify(const struct gluco_reading *r)
{
	if (!current || !notify_enabled) {
		return;
	}
	measurement[0] = sizeof(measurement);
	measurement[1] = 0x03;
	sys_put_le16(r->mgdl, &measurement[2]);
	sys_put_le16((uint16_t)(r->timestamp_ms / 60000), &measurement[4]);
	measurement[6] = (uint8_t)r->trend;
	measurement[7] = r->quality;
	bt_gatt_notify(current, &cgms_svc.attrs[1], measurement, sizeof(measurement));
}
