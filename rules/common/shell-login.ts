// Whether a Zephyr build puts its shell behind a login: the pattern of Zephyr's own shell_module
// sample (prj_login.conf), where `CONFIG_SHELL_START_OBSCURED=y` hides typed characters for the
// password prompt and `CONFIG_SHELL_CMD_ROOT="login"` makes a login command the only root command
// until it succeeds. Zephyr has no built-in login option; symbols checked against
// zephyrproject-rtos/zephyr subsys/shell/Kconfig.

import { switchValue } from "../../server/src/engine/config-entries.ts";
import type { KconfigAssignments } from "./kconfig-switches.ts";

export function hasShellLogin(assignments: KconfigAssignments): boolean {
  const obscured = assignments.get({ symbol: "SHELL_START_OBSCURED", namespaces: ["app"] });
  if (obscured && switchValue(obscured) === true) return true;
  const root = assignments.get({ symbol: "SHELL_CMD_ROOT", namespaces: ["app"] });
  return root !== undefined && root.kind === "string" && root.value.trim() !== "";
}
