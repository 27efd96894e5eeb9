import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import { ManifestReadError, ReadErrorReason } from './read-error';
import { describeLink } from './symlinks';

/** The default size limit of one file: real CRD bundles are 10+ MB, so this leaves ample room. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** How {@link readFileBytes} and {@link readTextFile} read. */
export interface ReadFileOptions {
  /** files larger than this are refused before they are read @default DEFAULT_MAX_FILE_BYTES */
  readonly maxBytes?: number;
  /**
   * follow a symbolic link at the path itself (a file the user named); links inside a tree are never followed
   * @default false
   */
  readonly followLink?: boolean;
}

/**
 * Reads a file's bytes, refusing what is not a regular file (a symbolic link, a folder, a FIFO that would block) and
 * what is over the size limit, before reading it.
 *
 * @param file the file as messages name it
 * @throws ManifestReadError
 */
export function readFileBytes(absolutePath: string, file: string, options: ReadFileOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let fd: number;
  try {
    // O_NOFOLLOW: the check and the read are one step, so a link swapped in meanwhile is refused too.
    fd = fs.openSync(absolutePath, fs.constants.O_RDONLY | (options.followLink ? 0 : fs.constants.O_NOFOLLOW) | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw fileError(err, absolutePath, file);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new ManifestReadError({ file, reason: ReadErrorReason.UNREADABLE,
        problem: stat.isDirectory() ? 'is a folder, not a file' : 'is not a regular file', fix: 'pass manifest files or folders that hold them' });
    }
    if (stat.size > maxBytes) {
      throw new ManifestReadError({ file, reason: ReadErrorReason.TOO_LARGE,
        problem: `is ${stat.size} bytes, over the ${maxBytes}-byte limit`,
        fix: 'raise the limit with --max-file-size BYTES if the file is meant to be this large' });
    }
    return readAll(fd, stat.size);
  } catch (err) {
    if (err instanceof ManifestReadError) throw err;
    throw fileError(err, absolutePath, file);
  } finally {
    fs.closeSync(fd);
  }
}

/** Where reads past the size fstat gave land (a file that grew meanwhile): reused, so most files allocate nothing more. */
const OVERFLOW = Buffer.allocUnsafe(64 * 1024);

/**
 * The file's bytes, in one buffer of the size fstat gave: `readFileSync(fd)` cannot know the size of an fd, so it
 * reads in 64 KiB chunks and joins them, which costs a large allocation and a copy per file. One byte more than
 * that size is asked for, so a file read whole ends in one `read`: getting exactly its size back is its end. A
 * file that grew since is read to its end all the same.
 */
function readAll(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size + 1);
  let filled = 0;
  for (;;) {
    const read = fs.readSync(fd, buffer, filled, size + 1 - filled, null);
    filled += read;
    // Short of the stated size, a read may just be cut (Linux stops one read at 2 GiB): only 0 is the end then.
    if (filled > size) break;
    if (read === 0 || filled === size) return buffer.subarray(0, filled);
  }
  const more: Buffer[] = [buffer];
  for (let read = fs.readSync(fd, OVERFLOW, 0, OVERFLOW.length, null); read > 0; read = fs.readSync(fd, OVERFLOW, 0, OVERFLOW.length, null)) {
    more.push(Buffer.from(OVERFLOW.subarray(0, read)));
  }
  return Buffer.concat(more);
}

/**
 * Reads a text file: {@link readFileBytes}, then refuses NUL bytes and invalid UTF-8 (a binary file), naming the
 * file but quoting none of its bytes.
 *
 * @throws ManifestReadError
 */
export function readTextFile(absolutePath: string, file: string, options: ReadFileOptions = {}): string {
  return decodeText(readFileBytes(absolutePath, file, options), file);
}

const UTF16 = { le: new TextDecoder('utf-16le', { fatal: true }), be: new TextDecoder('utf-16be', { fatal: true }) };

/**
 * A file's bytes as text, decoded as kubectl decodes the files it reads (its `unicode.BOMOverride` over UTF-8):
 * UTF-8, or UTF-16 (little or big endian) when the file starts with that byte-order mark. The BOM itself is
 * dropped. NUL characters and invalid UTF-8 or UTF-16 make it a binary file, a {@link ManifestReadError} naming
 * the file but quoting none of its bytes; a UTF-32 file, which kubectl misreads, is refused by that name.
 *
 * @see https://github.com/kubernetes/cli-runtime/blob/master/pkg/resource/visitor.go (FileVisitor.Visit)
 */
export function decodeText(bytes: Buffer, file: string): string {
  const bom = byteOrderMark(bytes);
  if (bom === 'utf-32le' || bom === 'utf-32be') {
    throw new ManifestReadError({ file, reason: ReadErrorReason.BINARY,
      problem: `is UTF-32 text (${bom === 'utf-32le' ? 'little' : 'big'}-endian byte-order mark), which kubectl does not read`,
      fix: 'save it as UTF-8 (or UTF-16)' });
  }
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    let text: string;
    try {
      text = UTF16[bom === 'utf-16le' ? 'le' : 'be'].decode(bytes.subarray(2));
    } catch {
      throw new ManifestReadError({ file, reason: ReadErrorReason.BINARY, problem: `is not ${bom === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} text, though it starts with that byte-order mark`,
        fix: 'save it as UTF-8, or remove it from the folder' });
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      throw new ManifestReadError({ file, reason: ReadErrorReason.BINARY, problem: `is not text: it holds a NUL character (UTF-16 character ${nul})`,
        fix: 'remove the file from the folder, or pass only manifest files' });
    }
    return text;
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new ManifestReadError({ file, reason: ReadErrorReason.BINARY, problem: `is not text: it holds a NUL byte at offset ${nul}`,
      fix: 'remove the file from the folder, or pass only manifest files' });
  }
  if (!isUtf8(bytes)) {
    throw new ManifestReadError({ file, reason: ReadErrorReason.BINARY, problem: 'is not UTF-8 text',
      fix: 'save it as UTF-8, or remove it from the folder' });
  }
  return bytes.toString('utf8');
}

/** The Unicode encoding a byte-order mark at the start names (UTF-32's before UTF-16's, whose LE mark it starts with). */
function byteOrderMark(bytes: Buffer): 'utf-32le' | 'utf-32be' | 'utf-16le' | 'utf-16be' | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return undefined;
}

/** A file system error as a {@link ManifestReadError}: a link loop or a dangling link is named as the link it is. */
export function fileError(err: unknown, absolutePath: string, file: string): ManifestReadError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP' || isLink(absolutePath)) {
    return new ManifestReadError({ file, reason: ReadErrorReason.SYMLINK, problem: describeLink(absolutePath),
      fix: 'replace the link with the file it points to; kfops never follows links in a tree it reads' });
  }
  switch (code) {
    case 'ENOENT': return new ManifestReadError({ file, reason: ReadErrorReason.NOT_FOUND, problem: 'no such file or folder', fix: 'check the path' });
    case 'EACCES': case 'EPERM': return new ManifestReadError({ file, reason: ReadErrorReason.UNREADABLE, problem: 'permission denied', fix: 'make it readable' });
    case 'EISDIR': return new ManifestReadError({ file, reason: ReadErrorReason.UNREADABLE, problem: 'is a folder, not a file', fix: 'pass a file' });
    default: return new ManifestReadError({ file, reason: ReadErrorReason.UNREADABLE, problem: `cannot be read (${code ?? (err as Error).message})`, fix: 'check the file' });
  }
}

function isLink(absolutePath: string): boolean {
  try {
    return fs.lstatSync(absolutePath).isSymbolicLink();
  } catch {
    return false;
  }
}
