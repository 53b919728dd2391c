// Names read from scanned files are looked up in the rules' tables. A plain object answers for its
// prototype's members too (`constructor`, `toString`, `__proto__`), so a call or option spelled like
// one must find nothing: every finding must be the same as with a neutral name of the same length.

import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.ts";
import type { LanguageId } from "../../grammars/registry.ts";
import { testEngine } from "../support/engine.ts";

const PROTOTYPE_NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__proto__", "toLocaleString", "__defineGetter__"];

/** Every rule's trigger words in one literal, so that every rule runs on the probe files. */
const TRIGGERS = [...new Set(allRules.flatMap((r) => (r.triggers ?? []).map((t) => (typeof t === "string" ? t : t.text))))].join(" ").replace(/["\\\n]/g, " ");

function cProbe(name: string): string {
  return [
    '#include "mbedtls/ssl.h"',
    `static const char *every_trigger = "${TRIGGERS}";`,
    `#define ${name} 1`,
    `#define CONFIG_${name} 1`,
    `#define MQTT_PORT ${name}`,
    "void probe(void *c, struct cfg *cfg) {",
    `  ${name}(c, "Zq8!mediPump-774", "Zq8!mediPump-774", 1883);`,
    `  cfg->${name}(c, 0, "Zq8!mediPump-774");`,
    `  curl_easy_setopt(c, ${name}, "user:Zq8!mediPump-774");`,
    `  curl_easy_setopt(c, CURLOPT_SSLVERSION, ${name});`,
    `  mbedtls_ssl_conf_authmode(c, ${name});`,
    `  mbedtls_ssl_conf_min_version(c, 3, ${name});`,
    `  esp_ble_gap_set_security_param(${name}, &cfg, 1);`,
    `  cfg->${name} = ${name};`,
    `  cfg->skip_common_name = ${name};`,
    `  const char *u = "${name}://broker.example-hospital.net:1883";`,
    `  const char *k = "ssh-${name} AAAAB3NzaC1yc2EAAAADAQABAAABAQ";`,
    "}",
  ].join("\n");
}

const CONFIGS: readonly { language: LanguageId; path: string; probe: (name: string) => string }[] = [
  { language: "kconfig", path: "sdkconfig", probe: (n) => `# ${TRIGGERS}\nCONFIG_${n}=y\nCONFIG_ESP_TLS_${n}=y\nCONFIG_WIFI_PASSWORD="Zq8!mediPump-774"\nCONFIG_${n}="Zq8!mediPump-774"\n` },
  { language: "json", path: "device.json", probe: (n) => JSON.stringify({ triggers: TRIGGERS, [n]: { url: `${n}://broker.example-hospital.net`, [n]: true, password: n } }, null, 2) },
  { language: "yaml", path: "device.yaml", probe: (n) => `triggers: "${TRIGGERS}"\n${n}:\n  ${n}: true\n  tls:\n    ${n}: false\n  url: ${n}://broker.example-hospital.net\n` },
];

async function findingsOf(language: LanguageId, path: string, text: string) {
  const engine = await testEngine();
  const result = engine.analyze({ path, language, text });
  expect(result.failures).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.range.start}-${f.range.end} ${f.message}`);
}

const neutral = (name: string) => "q".repeat(name.length);

describe("names spelled like Object.prototype members", () => {
  for (const language of ["c", "cpp"] as const) {
    it(`find nothing a neutral name would not (${language})`, async () => {
      for (const name of PROTOTYPE_NAMES) {
        const found = await findingsOf(language, `src/probe.${language}`, cProbe(name));
        const baseline = await findingsOf(language, `src/probe.${language}`, cProbe(neutral(name)));
        expect(found.map((f) => f.replaceAll(name, neutral(name))), name).toEqual(baseline);
      }
    });
  }

  for (const { language, path, probe } of CONFIGS) {
    it(`find nothing a neutral name would not (${language})`, async () => {
      for (const name of PROTOTYPE_NAMES) {
        const found = await findingsOf(language, path, probe(name));
        const baseline = await findingsOf(language, path, probe(neutral(name)));
        expect(found.map((f) => f.replaceAll(name, neutral(name))), name).toEqual(baseline);
      }
    });
  }
});
