import { describe, expect, it } from "vitest";
import { detectLanguage, fileGlobs, matchesNameGlob } from "../../grammars/registry.ts";

describe("grammar registry", () => {
  const cases: [string, string | undefined, string?][] = [
    ["src/main.c", "c"],
    ["include/board.h", "c"],
    ["app/Main.cpp", "cpp"],
    ["lib/x.cc", "cpp"],
    ["lib/x.hpp", "cpp"],
    ["sketch/pump.ino", "cpp"],
    ["sdkconfig", "kconfig"],
    ["sdkconfig.defaults", "kconfig"],
    ["sdkconfig.ci.debug", "kconfig"],
    ["build/config/sdkconfig.h", "c"],
    ["build/config/sdkconfig.json", "json"],
    ["build/config/sdkconfig.cmake", undefined],
    [".config", "kconfig"],
    ["prj.conf", "kconfig"],
    ["prj_release.conf", "kconfig"],
    ["sysbuild.conf", "kconfig"],
    ["configs/pump_defconfig", "kconfig"],
    ["Kconfig", "kconfig-def"],
    ["main/Kconfig.projbuild", "kconfig-def"],
    ["config.json", "json"],
    ["ci.yml", "yaml"],
    ["gw.yaml", "yaml"],
    ["Cargo.toml", "toml"],
    ["platformio.ini", "ini"],
    ["setup.cfg", "ini"],
    ["mosquitto.conf", "keyvalue"],
    ["boards/pump.overlay", "devicetree"],
    ["boards/pump.dts", "devicetree"],
    ["boards/pump.dtsi", "devicetree"],
    ["certs/device.key", "pem"],
    ["certs/ca.pem", "pem"],
    ["certs/ca.crt", "pem"],
    ["README.md", undefined],
    ["firmware.bin", undefined],
  ];
  for (const [path, language] of cases) {
    it(`${path} → ${language ?? "not linted"}`, () => {
      expect(detectLanguage(path)).toBe(language);
    });
  }

  it("sniffs *.conf: Kconfig symbol lines make it Kconfig, anything else key/value", () => {
    expect(detectLanguage("overlay-tls.conf", () => "# TLS\nCONFIG_MBEDTLS=y\n")).toBe("kconfig");
    expect(detectLanguage("boards/x.conf", () => "# CONFIG_X is not set\n")).toBe("kconfig");
    expect(detectLanguage("broker.conf", () => "listener 1883\nallow_anonymous true\n")).toBe("keyvalue");
  });

  it("matches name globs with several stars and none", () => {
    expect(matchesNameGlob("prj_dev.conf", "prj*.conf")).toBe(true);
    expect(matchesNameGlob("prj.conf", "prj*.conf")).toBe(true);
    expect(matchesNameGlob("my_prj.conf", "prj*.conf")).toBe(false);
    expect(matchesNameGlob("a_defconfig", "*_defconfig")).toBe(true);
    expect(matchesNameGlob("Kconfig", "Kconfig")).toBe(true);
    expect(matchesNameGlob("Kconfigs", "Kconfig")).toBe(false);
  });

  it("offers globs for every language's names and extensions", () => {
    const globs = fileGlobs();
    for (const glob of ["**/*.c", "**/*.ino", "**/sdkconfig", "**/prj*.conf", "**/mosquitto.conf", "**/*.overlay", "**/*.pem"]) expect(globs).toContain(glob);
  });
});
