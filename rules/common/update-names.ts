// Names that say a value is about firmware updates: the URL an image is fetched from
// (`OTA_URL`, `CONFIG_EXAMPLE_FIRMWARE_UPGRADE_URL`, `fw_update_uri`). Shared by the update rules
// that judge such a URL and those that take it as evidence that a build is OTA-capable.

import { nameWords } from "./names.ts";
import { isLoopbackHost } from "./urls.ts";

/** Words that name the update itself. `update` alone is weak (a display update is not an OTA). */
export const UPDATE_SUBJECT_WORDS: ReadonlySet<string> = new Set(["ota", "fota", "firmware", "fw", "upgrade", "update", "updates", "autoupdate"]);

const URL_WORDS = new Set(["url", "uri", "urls", "uris"]);

/** `OTA_URL`, `firmware_update_url`, `CONFIG_EXAMPLE_FIRMWARE_UPGRADE_URL`: an update word, and the name ends in url/uri. */
export function isUpdateUrlName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  return last !== undefined && URL_WORDS.has(last) && words.slice(0, -1).some((w) => UPDATE_SUBJECT_WORDS.has(w));
}

/** Last words of a name that holds where updates come from: a URL, or the server that serves them. */
const ENDPOINT_WORDS = new Set([...URL_WORDS, "server", "servers", "host", "endpoint", "endpoints"]);

/**
 * `OTA_URL`, `update_server`, `FIRMWARE_HOST`: a name ending in url/uri/server/host/endpoint with an
 * update word before it. A bare `url` (`server`, …) takes the update word from its enclosing
 * sections (`context`, outermost first): `url = …` under `[update]`, `ota: { server: … }`; a
 * qualified key there (`docs_url`) is about something else. Only meaningful next to a URL value.
 */
export function isUpdateEndpointName(name: string, context: readonly string[] = []): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || !ENDPOINT_WORDS.has(last)) return false;
  if (words.slice(0, -1).some((w) => UPDATE_SUBJECT_WORDS.has(w))) return true;
  return words.length === 1 && context.flatMap(nameWords).some((w) => UPDATE_SUBJECT_WORDS.has(w));
}

/** A cleartext `http://` URL to a host other than loopback. */
export function isCleartextHttpUrl(value: string): boolean {
  const match = /^\s*http:\/\/(\[[^\]]*\]|[^/:?#\s]*)/i.exec(value);
  return match !== null && !isLoopbackHost(match[1]!);
}
