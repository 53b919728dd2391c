/*
 * DoseLog SP-2 - BLE dose history service and pairing.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/bluetooth/bluetooth.h>
#include <zephyr/bluetooth/conn.h>
#include <zephyr/bluetooth/gatt.h>
#include <zephyr/bluetooth/uuid.h>
#include <hal/nrf_uicr.h>
#include "dose_log.h"

LOG_MODULE_REGISTER(pen_ble, LOG_LEVEL_INF);

#define BT_UUID_DOSE_SVC_VAL  BT_UUID_128_ENCODE(0x6e4a0001, 0x7f1c, 0x4d2e, 0x9a0b, 0x2c5e8d1f0a31)
#define BT_UUID_DOSE_HIST_VAL BT_UUID_128_ENCODE(0x6e4a0002, 0x7f1c, 0x4d2e, 0x9a0b, 0x2c5e8d1f0a31)

static struct bt_uuid_128 dose_svc_uuid = BT_UUID_INIT_128(BT_UUID_DOSE_SVC_VAL);
static struct bt_uuid_128 dose_hist_uuid = BT_UUID_INIT_128(BT_UUID_DOSE_HIST_VAL);
static struct bt_conn *peer;

static ssize_t read_history(struct bt_conn *conn, const struct bt_gatt_attr *attr, void *buf, uint16_t len,
			    uint16_t offset)
{
	struct dose_entry last;

	if (dose_log_latest(&last) != 0) {
		return bt_gatt_attr_read(conn, attr, buf, len, offset, NULL, 0);
	}
	return bt_gatt_attr_read(conn, attr, buf, len, offset, &last, sizeof(last));
}

BT_GATT_SERVICE_DEFINE(dose_svc,
	BT_GATT_PRIMARY_SERVICE(&dose_svc_uuid),
	BT_GATT_CHARACTERISTIC(&dose_hist_uuid.uuid, BT_GATT_CHRC_READ | BT_GATT_CHRC_NOTIFY,
			       BT_GATT_PERM_READ_ENCRYPT, read_history, NULL, NULL),
	BT_GATT_CCC(NULL, BT_GATT_PERM_READ | BT_GATT_PERM_WRITE_ENCRYPT),
);

static void passkey_display(struct bt_conn *conn, unsigned int passkey)
{
	ARG_UNUSED(conn);
	LOG_DBG("pairing with passkey");  // ok: the value is not logged
}

static void pairing_complete(struct bt_conn *conn, bool bonded)
{
	LOG_INF("paired, bonded=%d", bonded);
}

static struct bt_conn_auth_cb auth_callbacks = {
	.passkey_display = passkey_display,
	.cancel = NULL,
};

static struct bt_conn_auth_info_cb auth_info_callbacks = {
	.pairing_complete = pairing_complete,
};

static void connected(struct bt_conn *conn, uint8_t err)
{
	if (!err) {
		peer = bt_conn_ref(conn);
		bt_conn_set_security(conn, BT_SECURITY_L3);
	}
}

static void disconnected(struct bt_conn *conn, uint8_t reason)
{
	if (peer) {
		bt_conn_unref(peer);
		peer = NULL;
	}
}

BT_CONN_CB_DEFINE(pen_conn_cb) = {
	.connected = connected,
	.disconnected = disconnected,
};

int pen_ble_init(void)
{
	int err = bt_enable(NULL);

	if (err) {
		return err;
	}
	if (IS_ENABLED(CONFIG_SETTINGS)) {
		settings_load();
	}
#if defined(CONFIG_DOSELOG_PASSKEY_FROM_UICR)
	err = bt_passkey_set(nrf_uicr_customer_get(NRF_UICR, 0) % 1000000);  // ok: per-device passkey from UICR
#else
	err = bt_passkey_set(246810);  // expect: ble-fixed-passkey
#endif
	if (err) {
		return err;
	}
	bt_conn_auth_cb_register(&auth_callbacks);
	bt_conn_auth_info_cb_register(&auth_info_callbacks);
	return bt_le_adv_start(BT_LE_ADV_CONN_NAME, NULL, 0, NULL, 0);
}

void pen_ble_notify_dose(const struct dose_entry *e)
{
	if (peer) {
		bt_gatt_notify(peer, &dose_svc.attrs[1], e, sizeof(*e));
	}
}
