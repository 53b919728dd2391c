// The evaluation corpus (eval/corpus/) scored against the floors in eval/thresholds.json: a rule
// change that costs precision or recall on realistic firmware fails here, with the table printed.
// Floors are raised as results improve and never lowered silently (see the file's `policy`).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FAMILIES, formatDetails, formatTable, runEval, thresholdViolations, type EvalResult, type Thresholds } from "../eval/harness.ts";

const root = join(import.meta.dirname, "..");
const thresholds = JSON.parse(readFileSync(join(root, "eval", "thresholds.json"), "utf8")) as Thresholds;

describe("evaluation corpus", () => {
  let result: EvalResult;

  beforeAll(async () => {
    result = await runEval({ root });
    console.log(`${formatTable(result)}\n`);
  });

  it("is the size the issue asks for: 80+ files, 8+ devices, every ecosystem", () => {
    expect(result.corpus.files).toBeGreaterThanOrEqual(80);
    expect(result.corpus.devices).toBeGreaterThanOrEqual(8);
    expect(result.corpus.byDevice.filter((d) => d.ecosystem === "unknown").map((d) => d.device)).toEqual([]);
    for (const ecosystem of ["ESP-IDF", "Zephyr/nRF Connect", "FreeRTOS/AWS IoT", "Arduino/PlatformIO", "STM32 HAL", "Mbed OS", "Embedded Linux"]) {
      expect(result.corpus.ecosystems).toContain(ecosystem);
    }
  });

  it("holds findings of every family and more annotated negatives than findings", () => {
    for (const family of FAMILIES) {
      const s = result.sterile.families[family]!;
      expect(s.tp + s.fn, `${family}: no expected findings`).toBeGreaterThan(0);
    }
    expect(result.corpus.ok).toBeGreaterThan(result.corpus.expected);
  });

  it("runs every rule without a failure", () => {
    expect(result.failures).toEqual([]);
  });

  it("stays at or above every floor in eval/thresholds.json", () => {
    const violations = thresholdViolations(result, thresholds);
    if (violations.length > 0) console.log(formatDetails(result));
    expect(violations).toEqual([]);
  });

  it("has a floor for overall and for every family, each between 0 and 1", () => {
    for (const floors of [thresholds.overall, ...FAMILIES.map((f) => thresholds.families[f])]) {
      expect(floors).toBeDefined();
      for (const value of [floors!.precision, floors!.recall]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
  });
});
