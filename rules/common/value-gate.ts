// The value gate: decides whether a value bound to a secret-named binding is really a secret.
// Shared by every credential rule so that a placeholder is a placeholder everywhere. Precision
// lives here: peers flag `"YOUR_WIFI_PASSWORD"` and `"Enter password:"`; we do not.

import { environmentName, nameWords, secretName, storageKeyName } from "./names.ts";

export type GateVerdict =
  | { readonly secret: true; readonly defaultCredential: boolean }
  | { readonly secret: false; readonly reason: string };

/** Passwords that ship on real devices and that entropy-based scanners miss. */
const DEFAULT_CREDENTIALS = new Set([
  "admin", "administrator", "root", "toor", "password", "passw0rd", "pass", "guest", "user", "default", "test",
  "1234", "12345", "123456", "1234567", "12345678", "123456789", "1234567890", "0000", "00000000", "1111", "111111",
  "qwerty", "letmein", "welcome", "secret", "service", "support", "manager", "operator", "device", "medical",
  "admin123", "admin1234", "mypassword", "mypass", "password1", "password123", "abc123", "raspberry", "ubnt", "public", "private",
]);

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^<[^<>]*>$/, // <your password>
  /^\$\{[^}]*\}$/, // ${WIFI_PASS}
  /^\$\{\{[^{}]*\}\}$/, // ${{ secrets.WIFI_PASS }} (GitHub Actions)
  /^\$\([^)]*\)$/, // $(WIFI_PASS)
  /^\{\{[^}]*\}\}$/, // {{ wifi_pass }}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %WIFI_PASS%
  /^\$[A-Z_][A-Z0-9_]*$/, // $WIFI_PASS
  /^\[[^\]]*\]$/, // [WILL BE PROVIDED]
  /^(?:your|(?:enter|insert|put|add|set)[-_ ]your|replace[-_ ]with)[-_ ]?[a-z0-9_ -]*$/i, // YOUR_WIFI_PASSWORD, your-token-here
  /^(?:x+|\*+|#+|\.+|-+|_+|0+|\?+)$/i, // xxxx, ****, 0000000 fillers
  /^(?:todo|tbd|fixme|changeme[-_ ].+|change[-_ ]me[-_ ].+|replace[-_ ]?me|placeholder|dummy|example|sample|none|null|nil|undefined|n\/a|na|redacted|hidden|secret[-_ ]here|password[-_ ]here|token[-_ ]here)$/i,
  /^(?:\w+[-_ ])?(?:here|goes[-_ ]here)$/i,
];

/** Words that, with spaces around them, make a value read as prose: a prompt, a log line, a hint. */
const PROSE_WORDS = /\b(?:enter|please|invalid|wrong|incorrect|failed|failure|error|missing|required|must|should|set|your|the|is|was|not|for|to|of|new|old|confirm|forgot|reset|change|length|characters?)\b/i;

/** printf-style conversions that make a value a format string. */
const FORMAT_STRING = /%(?:[-+ #0]*(?:[1-9]\d*)?(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcspn]|\{\d*\})|\{\}/;

/** "Wi-Fi password", "MQTT API token": a description of the field left where the value belongs. */
const FIELD_LABEL = /(?:^|\s)(?:password|passwd|pass|passphrase|pwd|token|key|secret|psk|pin|credentials?)$/i;

/** Keyword values of a switch or a parser (`"true"`, `"off"`): never a secret, whatever the name says. */
const KEYWORD_VALUES = new Set(["true", "false", "yes", "no", "on", "off", "y", "n", "enable", "enabled", "disable", "disabled"]);

/**
 * `password_${IDF_TARGET}`, `pw-$(date)`, `$CI_PASS-x`: a value with shell or CI substitutions in it
 * is a template. One pass: closers are looked up by their last position, never rescanned.
 */
function hasSubstitution(value: string): boolean {
  const lastBrace = value.lastIndexOf("}");
  const lastParen = value.lastIndexOf(")");
  const isUpper = (ch: string | undefined) => ch !== undefined && ch >= "A" && ch <= "Z";
  const isVarChar = (ch: string | undefined) => ch !== undefined && (isUpper(ch) || ch === "_" || (ch >= "0" && ch <= "9"));
  for (let i = value.indexOf("$"); i >= 0; i = value.indexOf("$", i + 1)) {
    const next = value[i + 1];
    if ((next === "{" && lastBrace > i + 1) || (next === "(" && lastParen > i + 1)) return true;
    if (isUpper(next) || next === "_") {
      let end = i + 2;
      while (isVarChar(value[end])) end++;
      const after = value[end];
      if (end - i - 1 >= 3 && !(after !== undefined && after >= "a" && after <= "z")) return true;
    }
  }
  return false;
}

/** A terminal colour escape (`ESC[32m`, written as the byte, `\033[`, `\x1b[`, `\e[`, PowerShell's `` `e[ ``). */
const ANSI_ESCAPE = /(?:\u001b|\\033|\\x1[bB]|\\u001[bB]|\\e|`e)\[[0-9;]*m/;

/** Credential words that, spelled in capitals inside an identifier-like value, make it a placeholder. */
const CAPS_CREDENTIAL_WORD = /PASS|PWD|TOKEN|SECRET|PSK|CRED|APIKEY|API_KEY|PASSPHRASE/;

/** A word of a value spelled from consecutive words of a name, each whole or by its initial: `authtoken`, `map` (mesh AP). */
function spelledFrom(word: string, words: readonly string[], i: number): boolean {
  if (word.length === 0) return true;
  const next = words[i];
  if (next === undefined) return false;
  if (word.startsWith(next) && spelledFrom(word.slice(next.length), words, i + 1)) return true;
  return next.length > 1 && word.startsWith(next[0]!) && spelledFrom(word.slice(1), words, i + 1);
}

/**
 * `"MYPASS"`, `"YOUR_TOKEN"`, `"CHANGE_ME_TOKEN"`, and for `MQTT_AUTH_TOKEN` `"AUTHTOKEN"`, for
 * `MESH_ROUTER_PASSWD` `"ROUTER_PASSWD"`: an all-capitals identifier naming the secret it stands
 * for (a stand-in prefix, or spelled only from the binding's own name words), or another Kconfig
 * symbol (`CONFIG_…`). `"WARDLINK_API_TOKEN"` under `API_TOKEN` says more than its name: kept.
 */
function capsPlaceholder(value: string, name: string | undefined): boolean {
  if (value.length < 4 || !/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(value) || !CAPS_CREDENTIAL_WORD.test(value)) return false;
  if (/^(?:MY|YOUR|CHANGE_?ME|REPLACE|ENTER|INSERT|CONFIG_)/.test(value)) return true;
  if (!name) return false;
  const words = nameWords(name);
  return value.length <= 64 && value.toLowerCase().split("_").every((part) => words.some((_, i) => spelledFrom(part, words, i)));
}

export interface GateOptions {
  /** The name the value is bound to, to spot values that merely repeat it (NVS key names). */
  readonly name?: string;
}

/** `"wifi_pass"`, `"mqtt.password"`, `"pass"`: a lower-case storage key or field name that names the secret. */
function namesASecretField(value: string): boolean {
  return /^[a-z]+(?:[_.-][a-z]+)*$/.test(value) && /(?:^|[_.-])(?:pass|password|passwd|pwd|psk|token|secret|key|cred|creds)(?:$|[_.-])/.test(value);
}

/** `"WARDLINK_API_TOKEN"`: an upper-case identifier that names a secret, as environment variables are named. */
function secretVariableName(value: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(value) && secretName(value) !== undefined;
}

export function judgeSecretValue(raw: string, options: GateOptions = {}): GateVerdict {
  const value = raw.trim();
  if (value.length === 0) return { secret: false, reason: "empty value" };
  const lower = value.toLowerCase();
  // Before the default-password list: `PREF_KEY_PASS = "pass"` names a Preferences slot.
  if (options.name && storageKeyName(options.name) && namesASecretField(value)) return { secret: false, reason: "a key name" };
  if (options.name && environmentName(options.name) && secretVariableName(value)) {
    return { secret: false, reason: "the name of an environment variable" };
  }
  // Before the default-password list: `"MYPASS"` and `PASS "PASS"` are stand-ins, not the passwords `mypass` and `pass`.
  if (capsPlaceholder(value, options.name)) return { secret: false, reason: "placeholder" };
  if (DEFAULT_CREDENTIALS.has(lower)) return { secret: true, defaultCredential: true };
  if (KEYWORD_VALUES.has(lower)) return { secret: false, reason: "a keyword or switch value" };
  for (const pattern of PLACEHOLDER_PATTERNS) if (pattern.test(value)) return { secret: false, reason: "placeholder" };
  if (hasSubstitution(value)) return { secret: false, reason: "a template with substitutions" };
  if (ANSI_ESCAPE.test(value)) return { secret: false, reason: "a terminal colour string" };
  if (FORMAT_STRING.test(value)) return { secret: false, reason: "format string" };
  if (/\s/.test(value) && PROSE_WORDS.test(value)) return { secret: false, reason: "prompt or message" };
  if (/[:?!]\s*$/.test(value) && /\s/.test(value)) return { secret: false, reason: "prompt or message" };
  if (/\s/.test(value) && FIELD_LABEL.test(value)) return { secret: false, reason: "a label naming the field" };
  if (/^(?:https?|mqtts?|wss?|file):\/\//i.test(value)) return { secret: false, reason: "a URL, not a secret" };
  if (/^(?:\/|\.\.?\/|[A-Za-z]:\\)[^\s]*$/.test(value) || /\.(?:pem|crt|der|key|bin|txt|json|conf)$/i.test(value)) {
    return { secret: false, reason: "a file path" };
  }
  if (options.name && sameIdentifier(value, options.name)) return { secret: false, reason: "the binding's own name (a key name)" };
  // `"credentials.secretAccessKey"`: a field path picking the secret out of a response document.
  if (/^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$/.test(value) && secretName(value.slice(value.lastIndexOf(".") + 1))) {
    return { secret: false, reason: "a field path" };
  }
  if (namesASecretField(value)) {
    // `"wifi_pass"`, `"mqtt.password"`: a storage key or field name that names the secret.
    return { secret: false, reason: "a key name" };
  }
  if (value.length === 1) return { secret: false, reason: "too short to be a credential" };
  // Key material has its own rule (private-key-material) with key-aware messages.
  if (value.includes("-----BEGIN ")) return { secret: false, reason: "PEM block (private-key-material's finding)" };
  return { secret: true, defaultCredential: false };
}

function sameIdentifier(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  return norm(a).length > 0 && norm(a) === norm(b);
}
