// What an identifier or config key says about the value bound to it. Names are split into words
// (snake_case, kebab-case, camelCase, dots) and judged word by word, so `PASSWORD_MAX_LEN` is a
// length and `wifiPass` a password, without substring accidents like `bypass` or `compass`.

/** Names repeat across a file and across keystrokes; splitting them showed in profiles. */
const WORDS_CACHE = new Map<string, readonly string[]>();
const WORDS_CACHE_LIMIT = 50_000;
/** Longer texts (whole call arguments) are split without being kept. */
const WORDS_CACHE_MAX_NAME = 128;

/** `clientcredentialWIFI_PASSWORD` → [clientcredential, wifi, password]; `apiKey` → [api, key]. */
export function nameWords(name: string): readonly string[] {
  if (name.length > WORDS_CACHE_MAX_NAME) return Object.freeze(splitName(name));
  let words = WORDS_CACHE.get(name);
  if (!words) {
    if (WORDS_CACHE.size >= WORDS_CACHE_LIMIT) WORDS_CACHE.clear();
    words = Object.freeze(splitName(name));
    WORDS_CACHE.set(name, words);
  }
  return words;
}

function splitName(name: string): string[] {
  const words: string[] = [];
  let word = "";
  const flush = () => {
    if (word) words.push(word.toLowerCase());
    word = "";
  };
  const kind = (ch: string | undefined) => (ch === undefined ? "" : ch >= "a" && ch <= "z" ? "lower" : ch >= "A" && ch <= "Z" ? "upper" : ch >= "0" && ch <= "9" ? "digit" : "other");
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    const current = kind(ch);
    if (current === "other") {
      flush();
      continue;
    }
    const previous = kind(name[i - 1]);
    // A word starts at lower→Upper (`wifiPass`) and at the last capital of a run followed by
    // lower case (`MQTTBroker` → MQTT, Broker).
    if (current === "upper" && (previous === "lower" || previous === "digit" || (previous === "upper" && kind(name[i + 1]) === "lower"))) flush();
    word += ch;
  }
  flush();
  return words;
}

/** Single words that name a secret. `pass` only counts as a whole word (`WIFI_PASS`). */
const SECRET_WORDS = new Set([
  "password", "passwd", "passwort", "pwd", "pass", "passphrase", "passcode", "passkey",
  "psk", "secret", "token", "apikey", "credential", "credentials", "privkey", "privatekey", "secretkey", "authkey",
]);

/** Word pairs that name a secret together (`api_key`, `private_key`, `auth_token` is caught by `token`). */
const SECRET_PAIRS: readonly (readonly [string, string])[] = [
  ["api", "key"], ["private", "key"], ["priv", "key"], ["secret", "key"], ["access", "key"], ["auth", "key"],
  ["shared", "key"], ["pre", "shared"], ["client", "secret"], ["app", "key"], ["master", "key"], ["sas", "key"],
  ["pin", "code"], ["default", "pin"], ["admin", "pin"], ["sim", "pin"], ["service", "pin"],
];

/** Words that turn a secret-named binding into metadata about the secret (`PASSWORD_MAX_LEN`, `token_url`). */
const METADATA_WORDS = new Set([
  "len", "length", "size", "max", "min", "maxlen", "minlen", "count", "num", "bytes", "chars", "offset", "index", "idx",
  "key", "name", "id", "field", "tag", "label", "hint", "prompt", "msg", "message", "text", "title", "desc", "description",
  "fmt", "format", "type", "mode", "attr", "attribute", "topic", "url", "uri", "endpoint", "path", "file", "filename", "dir",
  "prefix", "suffix", "placeholder", "regex", "pattern", "policy", "rule", "rules", "requirement", "required", "enabled", "enable",
  "changed", "valid", "invalid", "expiry", "expires", "timeout", "retries", "attempts", "hash", "hashed", "salt", "digest",
  "encrypted", "enc", "ref", "slot", "handle", "ptr", "buf", "buffer", "str", "nvs", "storage", "namespace", "header", "param",
  "char", "reset", "set", "get", "callback", "cb", "handler", "event", "err", "error", "status", "state", "flag", "flags",
  "ok", "fail", "failed", "response", "request", "req", "resp", "characteristic", "uuid", "service", "lifetime", "validity",
  // `HEMO_PASSWORD_ENV`, `WL_TOKEN_ENV`: the name of the environment variable that holds the secret.
  "env", "envvar", "environ",
  // `SECRET_SSID` (the Arduino secrets.h convention): the network's name, which is not a secret.
  "ssid",
  // `PSK_DEFAULT_IDENTITY`, `psk_hint`, `PSK_OPTIONS`, `PSK_CIPHERS`: the public half of a PSK and its settings.
  "identity", "identities", "options", "opts", "cipher", "ciphers", "ciphersuite", "ciphersuites", "suite", "suites",
  // `PASSWD_ALGO`, `PASSWORD_SHOW_MS`, `PASSCODE_ITERATIONS`: the head noun is a setting about the secret.
  "algo", "algorithm", "alg", "show", "ms", "time", "timeouts", "iterations", "iteration", "iter", "rounds",
  "discriminator", "event",
]);

/** Words that make a trailing `key` a storage key's name even after `psk` (`NVS_PSK_KEY`, `PREF_PSK_KEY`). */
const STORAGE_WORDS = new Set(["nvs", "nvm", "pref", "prefs", "preference", "preferences", "kv", "storage", "store", "settings", "eeprom"]);

/**
 * `COAP_DTLS_PSK_DEFAULT_KEY`, `PSK_IDENTITY_0_KEY`, `PSK_KEY`: a name that ends in `key` after
 * `psk` holds the pre-shared key itself, unless storage words make it a storage key's name.
 */
function pskKeyName(words: readonly string[], found: { word: string; end: number }): boolean {
  return found.word === "psk" && found.end < words.length - 1 && words[words.length - 1] === "key" && !words.some((w) => STORAGE_WORDS.has(w));
}

export interface SecretName {
  /** The word or word pair that names the secret. */
  readonly word: string;
}

/**
 * Whether a binding named `name` holds a secret value: some word names a secret and nothing after
 * it turns the name into metadata (`WIFI_PASSWORD_KEY` is an NVS key name, not a password).
 */
export function secretName(name: string): SecretName | undefined {
  const words = nameWords(name);
  const found = secretWordIn(words);
  if (!found) return undefined;
  const after = words.slice(found.end + 1);
  if (!pskKeyName(words, found) && after.some((w) => METADATA_WORDS.has(w))) return undefined;
  const before = words.slice(0, found.start);
  if (before.some((w) => w === "no" || w === "without" || w === "public" || w === "pub" || w === "is" || w === "has" || w === "use" || w === "max" || w === "min")) return undefined;
  return { word: found.word };
}

/** The last word (or word pair) of `words` that names a secret, with its word indices. */
function secretWordIn(words: readonly string[]): { word: string; start: number; end: number } | undefined {
  let found: { word: string; start: number; end: number } | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    const pair = next !== undefined ? SECRET_PAIRS.find(([a, b]) => a === word && b === next) : undefined;
    if (pair) {
      found = { word: `${pair[0]}_${pair[1]}`, start: i, end: i + 1 };
      i++;
    } else if (SECRET_WORDS.has(word)) {
      found = { word, start: i, end: i };
    } else if (word.endsWith("password") || word.endsWith("passwd") || word.endsWith("secret")) {
      // Run-together vendor names: `clientcredentialWIFIPASSWORD`, `mqttpassword`.
      found = { word, start: i, end: i };
    }
  }
  return found;
}

/** Words before `key` that make `<word>_key_password` the passphrase of key material, not a storage key. */
const KEY_MATERIAL_WORDS = new Set([
  "private", "priv", "client", "server", "device", "tls", "ssl", "signing", "sign", "rsa", "ec", "ecc", "ecdsa", "pem", "pk",
  "pkcs", "pkcs8", "pkcs12", "p12", "pfx", "ca", "cert", "certificate", "encryption", "aes", "ssh", "gpg", "pgp",
]);

/**
 * `PREF_KEY_PASS`, `NVS_KEY_WIFI_PASSWORD`, `KEY_PASS`: the word `key` before the secret word makes
 * the name a storage key's name (Preferences, NVS), whose value names the slot (`"pass"`). Not
 * when `key` is key material (`client_key_password`, `PRIVATE_KEY_PASS`: a key's passphrase).
 */
export function storageKeyName(name: string): boolean {
  const words = nameWords(name);
  const found = secretWordIn(words);
  if (!found) return false;
  for (let i = found.start - 1; i >= 0; i--) {
    if (words[i] !== "key") continue;
    const previous = words[i - 1];
    if (previous === undefined || !(KEY_MATERIAL_WORDS.has(previous) || SECRET_PAIRS.some(([a, b]) => a === previous && b === "key"))) return true;
  }
  return false;
}

/** Words that say a name holds the name of an environment variable (`ENV_API_TOKEN`, `token_env_var`). */
export function environmentName(name: string): boolean {
  return nameWords(name).some((w) => w === "env" || w === "envvar" || w === "environ" || w === "environment" || w === "getenv");
}

/** Words marking a username, for pairing with passwords in messages. */
export function isUserName(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => w === "user" || w === "username" || w === "login" || w === "uid");
}
