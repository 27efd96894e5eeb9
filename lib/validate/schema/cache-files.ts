import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Past this many entries in a cache folder the oldest are removed, so inputs that come and go do not fill the disk. */
const MAX_ENTRIES = 200;
/** A temporary file this old was left by a run that died before renaming it into place. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Where kfops keeps its data caches for the project at `cwd`: `node_modules/.cache/kfops` of the nearest folder
 * at or above `cwd` that has a `node_modules` (the project's, where tools keep their caches; never inside the
 * installed kfops package), or undefined outside any Node project, where nothing is cached. Deleting it is always
 * safe.
 */
export function projectCacheDir(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (isFolder(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'kfops');
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The cache key of a text: its SHA-256 with the entry format, so a format change never reads an old entry. */
export function textKey(format: number, text: string): string {
  return createHash('sha256').update(`${format}\u0000${text}`).digest('hex').slice(0, 40);
}

/**
 * Reads a cache entry written by {@link writeCachedJson} under `key`: undefined when it is missing, unreadable,
 * not JSON, written for another key (a truncated or swapped file) or not of the expected shape, so a corrupt entry
 * only costs the work it would have saved.
 */
export function readCachedJson<T>(file: string, key: string, isValue: (value: unknown) => value is T): T | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as { key?: unknown; value?: unknown };
    return entry !== null && typeof entry === 'object' && entry.key === key && isValue(entry.value) ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache entry atomically (a temporary file of its own, renamed into place, so a concurrent run never reads
 * half of it), then trims the folder. Failures are swallowed: a read-only or full disk only costs the work the
 * entry would save.
 */
export function writeCachedJson(file: string, key: string, value: unknown): void {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, JSON.stringify({ key, value }));
    fs.renameSync(temp, file);
    prune(path.dirname(file), path.extname(file));
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

function prune(dir: string, extension: string): void {
  const names = fs.readdirSync(dir);
  const now = Date.now();
  for (const name of names.filter((n) => n.endsWith('.tmp'))) {
    const file = path.join(dir, name);
    if (now - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? now) > STALE_TEMP_MS) fs.rmSync(file, { force: true });
  }
  const entries = names.filter((f) => f.endsWith(extension));
  if (entries.length <= MAX_ENTRIES) return;
  const byAge = entries
    .map((f) => ({ file: path.join(dir, f), mtime: fs.statSync(path.join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => a.mtime - b.mtime);
  for (const { file } of byAge.slice(0, entries.length - MAX_ENTRIES)) fs.rmSync(file, { force: true });
}
