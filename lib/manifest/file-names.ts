const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when a file or folder name (as the file system gives it, in bytes) is valid UTF-8. */
export function isUtf8Name(name: Buffer): boolean {
  try {
    utf8.decode(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * A name as messages show it: valid UTF-8 as it is, every other byte and every control character as `\xNN`, so
 * no raw byte of a hostile name reaches a terminal.
 */
export function displayName(name: Buffer | string): string {
  const bytes = typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
  let out = '';
  let at = 0;
  while (at < bytes.length) {
    const length = sequenceLength(bytes[at]);
    const char = length > 0 ? tryDecode(bytes.subarray(at, at + length)) : undefined;
    if (char === undefined) {
      out += hex(bytes[at]);
      at++;
    } else {
      const code = char.codePointAt(0)!;
      out += code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) ? hex(code) : char;
      at += length;
    }
  }
  return out;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function tryDecode(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function hex(code: number): string {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}
