// Deterministic synthetic firmware corpus for benchmarks: C/H sources and configs in roughly the
// proportions of real trees (RTOS kernels, HALs, network stacks, crypto, applications, SDK
// examples), with licence headers full of URLs, Kconfig-heavy C, register maps, and a small
// number of planted findings. Same seed and size → byte-identical tree.
//
// Usage: node scripts/corpus.mjs <out-dir> [megabytes=50] [seed=1]

import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LICENCES = [
  (n) => `/*\n * Copyright (c) 20${10 + (n % 15)} Example Devices Ltd.\n *\n * Licensed under the Apache License, Version 2.0 (the "License");\n * you may not use this file except in compliance with the License.\n * You may obtain a copy of the License at\n *\n *     http://www.apache.org/licenses/LICENSE-2.0\n *\n * Unless required by applicable law or agreed to in writing, software\n * distributed under the License is distributed on an "AS IS" BASIS,\n * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n */\n`,
  () => `/* SPDX-License-Identifier: BSD-3-Clause */\n/* See http://opensource.org/licenses/BSD-3-Clause and https://spdx.org for details. */\n`,
  (n) => `// FreeRTOS-style kernel component ${n}\n// http://www.FreeRTOS.org - Documentation, books, training, latest versions\n// https://github.com/example/kernel\n`,
];

const WORDS = ["buffer", "queue", "task", "timer", "dma", "uart", "spi", "i2c", "gpio", "adc", "pwm", "irq", "clock", "power", "flash", "sensor", "pump", "valve", "motor", "alarm", "display", "battery", "rate", "dose", "flow", "pressure", "sample", "frame", "packet", "socket", "event", "state", "config", "channel", "handle", "status", "mode", "count", "index", "limit"];

function ident(r, parts = 2) {
  const out = [];
  for (let i = 0; i < parts; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return out.join("_");
}

function registerMap(r, prefix, count) {
  let s = "";
  let base = 0x40000000 + Math.floor(r() * 0x1000) * 0x1000;
  for (let i = 0; i < count; i++) {
    s += `#define ${prefix}_${ident(r, 2).toUpperCase()}_REG${i} (*(volatile uint32_t *)(0x${(base + i * 4).toString(16).toUpperCase()}UL))\n`;
    s += `#define ${prefix}_${ident(r, 1).toUpperCase()}_MSK${i} (0x${Math.floor(r() * 0xffffffff).toString(16)}UL << ${i % 32}U)\n`;
  }
  return s;
}

function cFunction(r, name) {
  const a = ident(r, 1);
  const b = ident(r, 1);
  let body = `static int ${name}(struct ${a}_ctx *ctx, uint32_t ${b})\n{\n    int rc = 0;\n`;
  const statements = 4 + Math.floor(r() * 18);
  for (let i = 0; i < statements; i++) {
    const roll = r();
    if (roll < 0.2) body += `    if (ctx->${ident(r, 1)} > ${Math.floor(r() * 1000)}U) {\n        rc = -EINVAL;\n        goto out;\n    }\n`;
    else if (roll < 0.35) body += `    for (size_t i = 0; i < ARRAY_SIZE(ctx->${ident(r, 1)}); i++) {\n        ctx->${ident(r, 1)}[i] ^= (${b} >> (i & 7U));\n    }\n`;
    else if (roll < 0.5) body += `#ifdef CONFIG_${ident(r, 2).toUpperCase()}\n    k_sem_give(&ctx->${ident(r, 1)}_sem);\n#endif\n`;
    else if (roll < 0.6) body += `    switch (${b} & 0x${Math.floor(r() * 255).toString(16)}U) {\n    case 0: ctx->${ident(r, 1)} = 1; break;\n    case 1: ctx->${ident(r, 1)} = 2; break;\n    default: break;\n    }\n`;
    else if (roll < 0.7) body += `    /* Wait for the ${ident(r, 1)} to settle; see the reference manual section ${Math.floor(r() * 40)}. */\n    while ((REG_STATUS & ${Math.floor(r() * 16)}U) == 0U) { }\n`;
    else if (roll < 0.8) body += `    LOG_DBG("${ident(r, 2)} %d", (int)${b});\n`;
    else body += `    ctx->${ident(r, 1)} = ${ident(r, 1)}_read(ctx, ${Math.floor(r() * 64)});\n`;
  }
  return `${body}out:\n    return rc;\n}\n\n`;
}

const PLANTED_C = [
  () => `#define WIFI_PASS "Wd7!bench-1pump"\n`,
  () => `static const char *ota_url = "http://updates.bench-device.example/fw.bin";\n`,
  () => `void tls_setup(mbedtls_ssl_config *conf) { mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE); }\n`,
  () => `#define MQTT_BROKER_PORT 1883\n`,
  () => `static bool verify_image_signature(const uint8_t *img, size_t len) { (void)img; (void)len; return true; }\n`,
];

function cFile(r, n, planted) {
  let s = LICENCES[n % LICENCES.length](n);
  s += `#include <stdint.h>\n#include <string.h>\n#include "${ident(r, 1)}.h"\n\n`;
  if (r() < 0.3) s += registerMap(r, ident(r, 1).toUpperCase(), 20 + Math.floor(r() * 80));
  const functions = 3 + Math.floor(r() * 30);
  for (let i = 0; i < functions; i++) s += cFunction(r, `${ident(r, 2)}_${i}`);
  if (planted) s += PLANTED_C[n % PLANTED_C.length]();
  return s;
}

function header(r, n) {
  let s = LICENCES[n % LICENCES.length](n);
  s += `#pragma once\n#include <stdint.h>\n\n`;
  s += registerMap(r, ident(r, 1).toUpperCase(), 30 + Math.floor(r() * 300));
  for (let i = 0; i < 10 + Math.floor(r() * 30); i++) s += `int ${ident(r, 2)}_${i}(struct ${ident(r, 1)}_ctx *ctx, uint32_t arg);\n`;
  return s;
}

function sdkconfig(r, n, planted) {
  let s = "#\n# Automatically generated file. DO NOT EDIT.\n# Espressif IoT Development Framework (ESP-IDF) Project Configuration\n#\n";
  for (let i = 0; i < 400; i++) {
    const name = `CONFIG_${ident(r, 3).toUpperCase()}`;
    const roll = r();
    s += roll < 0.4 ? `${name}=y\n` : roll < 0.6 ? `# ${name} is not set\n` : roll < 0.8 ? `${name}=${Math.floor(r() * 4096)}\n` : `${name}="${ident(r, 1)}"\n`;
  }
  if (planted) s += "CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y\n";
  return s;
}

export function generateCorpus(out, megabytes = 50, seed = 1) {
  const stamp = join(out, ".corpus.json");
  const want = JSON.stringify({ megabytes, seed, version: 2 });
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want) return out;
  const r = rng(seed);
  const target = megabytes * 1024 * 1024;
  let bytes = 0;
  let files = 0;
  const dirs = ["kernel", "hal/stm32", "hal/nrf", "net/lwip/core", "net/lwip/apps", "crypto", "drivers/sensor", "drivers/display", "app/pump", "app/monitor", "examples/wifi", "examples/mqtt", "test/unit"];
  for (const dir of dirs) mkdirSync(join(out, dir), { recursive: true });
  while (bytes < target) {
    const dir = dirs[files % dirs.length];
    const planted = files % 97 === 13;
    const kind = r();
    let name;
    let text;
    if (kind < 0.55) [name, text] = [`${ident(r, 2)}_${files}.c`, cFile(r, files, planted)];
    else if (kind < 0.93) [name, text] = [`${ident(r, 2)}_${files}.h`, header(r, files)];
    else if (kind < 0.96) [name, text] = [`sdkconfig.${ident(r, 1)}_${files}`, sdkconfig(r, files, planted)];
    else if (kind < 0.98) [name, text] = [`${ident(r, 1)}_${files}.conf`, `CONFIG_NETWORKING=y\nCONFIG_${ident(r, 2).toUpperCase()}=y\n${planted ? "CONFIG_BOOT_SIGNATURE_TYPE_NONE=y\n" : ""}`];
    else [name, text] = [`${ident(r, 1)}_${files}.json`, JSON.stringify({ name: ident(r, 2), version: "1.0.0", homepage: "https://example.com", settings: { rate: Math.floor(r() * 100) } }, null, 2)];
    writeFileSync(join(out, dir, name), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  writeFileSync(stamp, want);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, mb = "50", seed = "1"] = process.argv.slice(2);
  if (!out) {
    console.error("usage: node scripts/corpus.mjs <out-dir> [megabytes] [seed]");
    process.exit(2);
  }
  generateCorpus(out, Number(mb), Number(seed));
  console.log(`corpus in ${out}`);
}
