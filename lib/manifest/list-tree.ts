import * as fs from 'fs';
import * as path from 'path';
import { isWithin } from '../path-within';
import { displayName, isUtf8Name } from './file-names';
import { fileError } from './read-file';
import { ManifestReadError, ReadErrorReason } from './read-error';
import { describeLink } from './symlinks';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A regular file found in a tree. */
export interface TreeFile {
  /** path relative to the tree's root, with `/` separators */
  readonly relative: string;
  readonly absolute: string;
}

/** What {@link listTree} found. */
export interface TreeListing {
  /** regular files that passed the filter, sorted by relative path */
  readonly files: readonly TreeFile[];
  /** links, names that are not UTF-8, folders that cannot be listed, special files: each refused, by name */
  readonly problems: readonly ManifestReadError[];
}

/** How {@link listTree} walks. */
export interface ListTreeOptions {
  /** how messages name the root (the path the user gave) */
  readonly shownRoot: string;
  /** keep a file: gets its path relative to the root @default - every file */
  readonly include?: (relative: string) => boolean;
  /** folders (by name) not to enter @default - none */
  readonly skipFolder?: (name: string) => boolean;
}

/**
 * Lists the regular files under `root`, recursively, without ever following a symbolic link: the folder being read
 * (the output folder, a deploy repo's content) is not trusted, so each link in it, a loop or a dangling one
 * included, is a problem naming it. Names that are not UTF-8 are problems too, shown escaped. The root itself may
 * be a link (it is the path the user gave).
 *
 * @throws ManifestReadError when the root itself cannot be listed (it does not exist, is no folder)
 */
export function listTree(root: string, options: ListTreeOptions): TreeListing {
  const files: TreeFile[] = [];
  const problems: ManifestReadError[] = [];
  const shown = (relative: string) => (relative ? `${options.shownRoot.replace(/\/+$/, '')}/${relative}` : options.shownRoot);
  const walk = (dir: string, relative: string): void => {
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      const problem = fileError(err, dir, shown(relative));
      if (relative === '') throw problem;
      problems.push(problem);
      return;
    }
    // Byte order, so every file system lists the same way.
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      const name = entry.name.toString('utf8');
      const childRelative = relative ? `${relative}/${name}` : name;
      const absolute = path.join(dir, name);
      const utf8 = isUtf8Name(entry.name);
      // Control characters (a newline, an escape sequence) in a name could forge lines of a report or a terminal.
      if (!utf8 || CONTROL.test(name)) {
        const where = shown(relative ? `${relative}/${displayName(entry.name)}` : displayName(entry.name));
        problems.push(new ManifestReadError({ file: where, reason: ReadErrorReason.FILE_NAME,
          problem: `is a ${entry.isDirectory() ? 'folder' : 'file'} whose name ${utf8 ? 'holds control characters' : 'is not UTF-8'} (shown escaped), so nothing can refer to it reliably`,
          fix: 'rename it with printable UTF-8 characters only' }));
        continue;
      }
      if (entry.isSymbolicLink()) {
        problems.push(new ManifestReadError({ file: shown(childRelative), reason: ReadErrorReason.SYMLINK, problem: describeLink(absolute),
          fix: 'replace the link with the file or folder itself; kfops never follows links in a tree it reads' }));
      } else if (entry.isDirectory()) {
        if (!options.skipFolder?.(name)) walk(absolute, childRelative);
      } else if (!options.include || options.include(childRelative)) {
        if (entry.isFile()) files.push({ relative: childRelative, absolute });
        else problems.push(new ManifestReadError({ file: shown(childRelative), reason: ReadErrorReason.UNREADABLE,
          problem: 'is not a regular file (a FIFO, socket or device)', fix: 'remove it from the folder' }));
      }
    }
  };
  walk(root, '');
  return { files, problems };
}

/** Folders no manifests are read from: hidden ones (`.git`) and `node_modules`; a `skipFolder` for {@link listTree}. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** A file as reports show it: relative to `cwd` when inside it, else absolute, with `/` separators on every platform. */
export function displayPath(cwd: string, absolutePath: string): string {
  const shown = isWithin(absolutePath, cwd) ? path.relative(cwd, absolutePath) : absolutePath;
  return shown.split(path.sep).join('/');
}
