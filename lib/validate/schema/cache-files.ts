import * as fs from 'fs';
import * as path from 'path';

/** Where kfops keeps its caches between runs unless the caller says otherwise; deleting it is always safe. */
export const DEFAULT_CACHE_DIR = path.resolve(__dirname, '../../../node_modules/.cache/kfops');

/** Past this many entries in a cache folder the oldest are removed, so inputs that come and go do not fill the disk. */
const MAX_ENTRIES = 200;

/**
 * Writes a cache entry atomically (a temp file renamed into place, so a concurrent run never reads half of it),
 * then trims the folder. Failures are swallowed: a read-only or full disk only costs the work the entry would save.
 */
export function writeCacheFile(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
    prune(path.dirname(file), path.extname(file));
  } catch {
    // see above
  }
}

function prune(dir: string, extension: string): void {
  const entries = fs.readdirSync(dir).filter((f) => f.endsWith(extension));
  if (entries.length <= MAX_ENTRIES) return;
  const byAge = entries
    .map((f) => ({ file: path.join(dir, f), mtime: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime);
  for (const { file } of byAge.slice(0, entries.length - MAX_ENTRIES)) fs.rmSync(file, { force: true });
}
