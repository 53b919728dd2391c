import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue } from "../../../server/src/engine/config-entries.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { entrySpan } from "../../common/config-values.ts";
import { kconfigOffEdit } from "../../common/kconfig-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import { hasShellLogin } from "../../common/shell-login.ts";
import docs from "./README.md?raw";

/** Checked against zephyrproject-rtos/zephyr subsys/shell/backends/Kconfig.backends. */
const TELNET: KnownSymbol = { symbol: "SHELL_BACKEND_TELNET", namespaces: ["app"] };
const TELNET_PORT: KnownSymbol = { symbol: "SHELL_TELNET_PORT", namespaces: ["app"] };
const MQTT: KnownSymbol = { symbol: "SHELL_BACKEND_MQTT", namespaces: ["app"] };

function check(ctx: RuleContext): void {
  const assignments = new KconfigAssignments(ctx.entries());
  const login = hasShellLogin(assignments);
  const telnet = assignments.get(TELNET);
  if (telnet && switchValue(telnet) === true) {
    const port = assignments.get(TELNET_PORT)?.value.trim() || "23";
    ctx.report({
      span: entrySpan(telnet),
      message: login
        ? `${telnet.key} serves the shell over telnet (TCP ${port}); its login and every command cross the network in cleartext`
        : `${telnet.key} serves the shell over telnet (TCP ${port}) with no authentication: anyone who reaches the port runs every command`,
      fixes: [{ title: `Turn ${telnet.key} off`, safety: "unsafe", edits: [kconfigOffEdit(ctx.file.path, telnet)] }],
    });
  }
  const mqtt = assignments.get(MQTT);
  if (mqtt && switchValue(mqtt) === true) {
    ctx.report({
      span: entrySpan(mqtt),
      message: `${mqtt.key} takes shell commands from an MQTT topic: whoever can publish to it on the broker runs commands on the device`,
      fixes: [{ title: `Turn ${mqtt.key} off`, safety: "unsafe", edits: [kconfigOffEdit(ctx.file.path, mqtt)] }],
    });
  }
}

export default defineRule({
  id: "network-shell-exposed",
  family: "debug-access",
  severity: "error",
  title: "Shell reachable over the network",
  message: "The device's command shell is served over the network without authentication",
  cwe: ["CWE-306", "CWE-319"],
  standards: { owaspIot: ["I2", "I9"], iec62443: ["CR 1.1", "CR 7.7", "CR 4.1"], fda: ["Authentication", "Authorization"] },
  languages: ["kconfig"],
  fixable: "unsafe",
  triggers: ["shell_backend_telnet", "shell_backend_mqtt"],
  docs,
  check,
});
