/*
 * SleepAir S9 - applying a firmware image received through the LwM2M firmware object.
 * SPDX-License-Identifier: LicenseRef-SleepAir
 */
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/dfu/mcuboot.h>
#include <zephyr/dfu/flash_img.h>
#include <psa/crypto.h>
#include "sleepair.h"

LOG_MODULE_REGISTER(sa_fota, LOG_LEVEL_INF);

extern const uint8_t sleepair_fw_pubkey[65];

#if defined(CONFIG_SLEEPAIR_DEV_KEYS)
static bool cpap_verify_fw_signature(const uint8_t *hash, const uint8_t *sig)  // expect: verification-always-succeeds
{
	ARG_UNUSED(hash);
	ARG_UNUSED(sig);
	LOG_WRN("development keys: application signature check skipped");
	return true;
}
#else
static bool cpap_verify_fw_signature(const uint8_t *hash, const uint8_t *sig)  // ok: real ECDSA verification
{
	psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
	psa_key_id_t key;
	psa_status_t st;

	psa_set_key_type(&attr, PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1));
	psa_set_key_bits(&attr, 256);
	psa_set_key_usage_flags(&attr, PSA_KEY_USAGE_VERIFY_HASH);
	psa_set_key_algorithm(&attr, PSA_ALG_ECDSA(PSA_ALG_SHA_256));
	if (psa_import_key(&attr, sleepair_fw_pubkey, sizeof(sleepair_fw_pubkey), &key) != PSA_SUCCESS) {
		return false;
	}
	st = psa_verify_hash(key, PSA_ALG_ECDSA(PSA_ALG_SHA_256), hash, 32, sig, 64);
	psa_destroy_key(key);
	return st == PSA_SUCCESS;
}
#endif

int sleepair_fota_apply(uint16_t obj_inst_id, uint8_t *args, uint16_t args_len)
{
	struct sleepair_fw_trailer trailer;

	if (sleepair_fota_read_trailer(&trailer) != 0) {
		return -EINVAL;
	}
	if (!cpap_verify_fw_signature(trailer.sha256, trailer.signature)) {
		LOG_ERR("firmware signature invalid");
		return -EBADMSG;
	}
	if (sleepair_therapy_active()) {
		return -EBUSY;
	}
	boot_request_upgrade(BOOT_UPGRADE_TEST);
	sys_reboot(SYS_REBOOT_WARM);
	return 0;
}
