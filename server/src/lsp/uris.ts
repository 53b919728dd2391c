// Document URIs ↔ paths, without Node's `path` or `url` (the server core also runs in a browser
// worker). Only `file:` URIs name files on disk; other schemes (untitled, vscode-vfs) are linted
// from the editor's buffer alone.

/** The `/`-separated path of a URI (Windows drive letters as `c:/…`), decoded. */
export function uriPath(uri: string): string {
  let path: string;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    path = uri;
  }
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

export function isFileUri(uri: string): boolean {
  return uri.startsWith("file:");
}

/** A stable key for comparing URIs from different writers (the editor's and ours encode differently). */
export function uriKey(uri: string): string {
  if (!isFileUri(uri)) return uri;
  const path = uriPath(uri);
  return `file:${/^[A-Za-z]:\//.test(path) ? path[0]!.toLowerCase() + path.slice(1) : path}`;
}

/** `file:` URI of an absolute `/`-separated path. */
export function fileUri(absolute: string): string {
  const posix = absolute.replace(/\\/g, "/");
  const withRoot = /^[A-Za-z]:\//.test(posix) ? `/${posix}` : posix;
  return `file://${withRoot.split("/").map((part) => encodeURIComponent(part).replace(/%3A/g, ":")).join("/")}`;
}

/** `path` relative to `folder` (both `/`-separated), or `undefined` when it lies outside. */
export function relativeTo(folder: string, path: string): string | undefined {
  const base = folder.endsWith("/") ? folder : `${folder}/`;
  return path.startsWith(base) ? path.slice(base.length) : undefined;
}

/** `uri` (of any scheme) with its path replaced by the absolute `/`-separated `absolute`. */
export function withPath(uri: string, absolute: string): string {
  const prefix = /^[A-Za-z][\w+.-]*:(\/\/[^/?#]*)?/.exec(uri)?.[0] ?? "";
  const path = absolute.startsWith("/") ? absolute : `/${absolute}`;
  return `${prefix}${path.split("/").map((part) => encodeURIComponent(part).replace(/%3A/g, ":")).join("/")}`;
}
