// Bytes → text for any host. Firmware trees hold UTF-8 (with or without BOM), Latin-1 leftovers,
// UTF-16 files from Windows tools and binaries with source-like names; each is decoded or
// recognised, never thrown on.

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "latin1";

export type Decoded =
  | { readonly kind: "text"; readonly text: string; readonly encoding: Encoding }
  | { readonly kind: "binary" };

const SNIFF = 8192;

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { kind: "text", text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { kind: "text", text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const sniffEnd = Math.min(bytes.length, SNIFF);
  for (let i = 0; i < sniffEnd; i++) if (bytes[i] === 0) return { kind: "binary" };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    // Not UTF-8: Latin-1 maps every byte to one character, so offsets stay meaningful.
    return { kind: "text", text: new TextDecoder("latin1").decode(body), encoding: "latin1" };
  }
}

/** Encodes text back in the encoding it was read in (for `--fix`), BOM included. */
export function encodeText(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case "utf-8":
      return new TextEncoder().encode(text);
    case "utf-8-bom": {
      const body = new TextEncoder().encode(text);
      const out = new Uint8Array(body.length + 3);
      out.set([0xef, 0xbb, 0xbf]);
      out.set(body, 3);
      return out;
    }
    case "latin1": {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
      return out;
    }
    case "utf-16le":
    case "utf-16be": {
      const out = new Uint8Array(2 + text.length * 2);
      const le = encoding === "utf-16le";
      out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        out[2 + i * 2] = le ? code & 0xff : code >> 8;
        out[3 + i * 2] = le ? code >> 8 : code & 0xff;
      }
      return out;
    }
  }
}
