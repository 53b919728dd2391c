import { defineRule } from "../../../server/src/engine/rule.ts";
import { switchValue, type ConfigEntry } from "../../../server/src/engine/config-entries.ts";
import type { SyntaxNode } from "../../../server/src/engine/syntax.ts";
import type { RuleContext } from "../../../server/src/engine/types.ts";
import { namedCalls, callArguments, calleeName, enclosingFunction, functionNameNode } from "../../common/c-calls.ts";
import { declaratorName } from "../../common/c-syntax.ts";
import { entrySpan } from "../../common/config-values.ts";
import { KconfigAssignments, type KnownSymbol } from "../../common/kconfig-switches.ts";
import { hasShellLogin } from "../../common/shell-login.ts";
import { nameWords } from "../../common/names.ts";
import docs from "./README.md?raw";

/** Checked against zephyrproject-rtos/zephyr subsys/shell/Kconfig, subsys/shell/backends/Kconfig.backends and subsys/mgmt/mcumgr/grp/shell_mgmt/Kconfig. */
const SHELL: KnownSymbol = { symbol: "SHELL", namespaces: ["app"] };
const BACKENDS: KnownSymbol = { symbol: "SHELL_BACKENDS", namespaces: ["app"] };
const SERIAL: KnownSymbol = { symbol: "SHELL_BACKEND_SERIAL", namespaces: ["app"] };
const RTT: KnownSymbol = { symbol: "SHELL_BACKEND_RTT", namespaces: ["app"] };
/** `MCUMGR_CMD_SHELL_MGMT` was renamed `MCUMGR_GRP_SHELL` in Zephyr 3.3 (migration guide). */
const MCUMGR_SHELL: KnownSymbol = { symbol: "MCUMGR_GRP_SHELL", aliases: ["MCUMGR_CMD_SHELL_MGMT"], namespaces: ["app"] };

/** ESP-IDF's REPL constructors (components/console/esp_console.h): each starts an interactive console. */
const ESP_REPLS = new Map([
  ["esp_console_new_repl_uart", "the UART"],
  ["esp_console_new_repl_usb_cdc", "USB CDC"],
  ["esp_console_new_repl_usb_serial_jtag", "the USB Serial/JTAG port"],
]);

const isOn = (entry: ConfigEntry | undefined): entry is ConfigEntry => entry !== undefined && switchValue(entry) === true;
const isOff = (entry: ConfigEntry | undefined): boolean => entry !== undefined && switchValue(entry) === false;

function checkKconfig(ctx: RuleContext): void {
  const assignments = new KconfigAssignments(ctx.entries());
  const shell = assignments.get(SHELL);
  if (isOn(shell) && !isOff(assignments.get(BACKENDS)) && !hasShellLogin(assignments)) {
    // The serial backend defaults to on wherever the board names a `zephyr,shell-uart`, which almost all do.
    const transports: string[] = [];
    if (!isOff(assignments.get(SERIAL))) transports.push("the serial console");
    if (isOn(assignments.get(RTT))) transports.push("Segger RTT");
    if (transports.length > 0) {
      ctx.report({
        span: entrySpan(shell),
        message: `${shell.key} gives a command shell on ${transports.join(" and ")} with no login; anyone with the port can run every registered command`,
      });
    }
  }
  const mcumgr = assignments.get(MCUMGR_SHELL);
  if (isOn(mcumgr)) {
    ctx.report({
      span: entrySpan(mcumgr),
      message: `${mcumgr.key} lets any mcumgr (SMP) client run shell commands over the SMP transports, past any shell login`,
    });
  }
}

const LOGIN_WORDS = new Set(["login", "logon", "authenticate", "authentication", "auth", "password", "passwd", "unlock"]);
const LOGIN_COMMANDS = new Set(["login", "logon", "auth", "unlock"]);
/** Comparisons that, against a string literal inside a login function, make the password part of the firmware. */
const COMPARE_CALLS = new Set(["strcmp", "strncmp", "strcasecmp", "strncasecmp", "memcmp", "strcmp_P", "strncmp_P"]);

type Login = "none" | "hardcoded" | "present";

function namesLogin(name: string | undefined): boolean {
  return name !== undefined && nameWords(name).some((w) => LOGIN_WORDS.has(w));
}

/**
 * How a C file authenticates its console: not at all; with a login whose password is a literal in
 * the code (`strcmp(argv[1], "…")` inside `cmd_login`); or with a login the file does not give away.
 */
function cLogin(ctx: RuleContext): Login {
  let present = false;
  let hardcoded = false;
  for (const node of ctx.nodes(["call_expression", "string_literal", "function_definition"])) {
    if (node.type === "function_definition") {
      if (namesLogin(functionNameNode(ctx, node)?.text)) present = true;
    } else if (node.type === "string_literal") {
      if (LOGIN_COMMANDS.has(node.text.slice(1, -1).trim().toLowerCase())) present = true;
    } else {
      const name = calleeName(node);
      if (!name || ESP_REPLS.has(name)) continue;
      if (namesLogin(name)) present = true;
      if (COMPARE_CALLS.has(name) && callArguments(node).some((a) => a.type === "string_literal" && a.text.length > 2)) {
        const fn = enclosingFunction(ctx, node);
        if (fn && namesLogin(functionNameNode(ctx, fn)?.text)) hardcoded = true;
      }
    }
  }
  return hardcoded ? "hardcoded" : present ? "present" : "none";
}

function checkC(ctx: RuleContext): void {
  const repls: { node: SyntaxNode; where: string }[] = [];
  for (const { call: node, name } of namedCalls(ctx)) {
    const where = name ? ESP_REPLS.get(name) : undefined;
    if (where) repls.push({ node, where });
  }
  if (repls.length === 0) return;
  const login = cLogin(ctx);
  if (login === "present") return;
  for (const { node, where } of repls) {
    const callee = node.childForFieldName("function") ?? node;
    ctx.report({
      span: { start: callee.startIndex, end: callee.endIndex },
      message:
        login === "hardcoded"
          ? `${calleeName(node)}() starts an ESP-IDF console on ${where} whose login compares against a password written in the firmware; it opens for anyone who reads the image`
          : `${calleeName(node)}() starts an ESP-IDF console on ${where} and nothing in this file authenticates its user; anyone with the port runs the registered commands`,
    });
  }
}

export default defineRule({
  id: "debug-shell-exposed",
  family: "debug-access",
  severity: "warning",
  title: "Debug shell without login",
  message: "A command shell is reachable on a device port without any login",
  cwe: ["CWE-489", "CWE-306"],
  standards: { owaspIot: ["I9", "I10"], iec62443: ["CR 1.1", "EDR 2.13", "CR 7.7"], fda: ["Authentication", "Authorization"] },
  languages: ["kconfig", "c", "cpp"],
  triggers: ["config_shell", "grp_shell", "cmd_shell_mgmt", "esp_console_new_repl"],
  docs,
  check(ctx) {
    if (ctx.file.language === "kconfig") checkKconfig(ctx);
    else checkC(ctx);
  },
});
