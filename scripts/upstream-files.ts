/**
 * Reading files of an upstream repository at a tag, for the development-time generators in scripts/: from a local
 * clone (`git ls-tree`, `git show`) or from GitHub (api.github.com listings, raw.githubusercontent.com files).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';

/** One repository at one ref, read the same way whether it is a local clone or GitHub. */
export interface UpstreamTree {
  /** the files directly in `dir` (with `recursive`, below it), as repository paths, sorted */
  list(dir: string, recursive?: boolean): Promise<string[]>;
  read(file: string): Promise<Buffer>;
}

/** The repository at `ref`, read from the clone at `gitDir` when given, else from GitHub. */
export function upstreamTree(repository: string, ref: string, gitDir?: string): UpstreamTree {
  if (gitDir) {
    return {
      list: async (dir, recursive) => gitList(gitDir, ref, dir, recursive),
      read: async (file) => gitShow(gitDir, ref, file),
    };
  }
  return {
    list: (dir, recursive) => {
      if (recursive) throw new Error(`listing ${dir} recursively needs a local clone of ${repository} (--git)`);
      return githubList(repository, ref, dir);
    },
    read: (file) => download(repository, ref, file),
  };
}

/** The tags of a local clone, for picking the newest patch of a release line. */
export function gitTags(gitDir: string): string[] {
  return execFileSync('git', ['-C', gitDir, 'tag', '--list'], { encoding: 'utf8' }).split('\n').filter((t) => t !== '');
}

/** The commit a ref names in a local clone. */
export function gitCommit(gitDir: string, ref: string): string {
  return execFileSync('git', ['-C', gitDir, 'rev-parse', `${ref}^{commit}`], { encoding: 'utf8' }).trim();
}

export function gitList(gitDir: string, ref: string, dir: string, recursive = false): string[] {
  const args = ['-C', gitDir, 'ls-tree', '--name-only', ...(recursive ? ['-r'] : []), ref, `${dir}/`];
  return execFileSync('git', args, { encoding: 'utf8' }).split('\n').filter((l) => l !== '').sort();
}

export function gitShow(gitDir: string, ref: string, file: string): Buffer {
  return execFileSync('git', ['-C', gitDir, 'show', `${ref}:${file}`], { maxBuffer: 256 * 1024 * 1024 });
}

export async function githubList(repository: string, ref: string, dir: string): Promise<string[]> {
  const url = `https://api.github.com/repos/${repository}/contents/${dir}?ref=${encodeURIComponent(ref)}`;
  const res = await fetch(url, { headers: { Accept: 'application/vnd.github+json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const listing = (await res.json()) as { path: string; type: string }[];
  return listing.filter((f) => f.type === 'file').map((f) => f.path).sort();
}

export async function download(repository: string, ref: string, file: string): Promise<Buffer> {
  const url = `https://raw.githubusercontent.com/${repository}/${ref}/${file}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The entries of a provenance file (`{files: [...]}`) but those of the projects about to be written again. */
export function keptProvenance<T extends { readonly project: string }>(file: string, refreshed: readonly string[]): T[] {
  const old = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { files: T[] }).files : [];
  return old.filter((e) => !refreshed.includes(e.project));
}

/** Writes a provenance file, its entries sorted by data file. */
export function writeProvenance<T extends { readonly file: string }>(file: string, entries: T[]): void {
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  fs.writeFileSync(file, `${JSON.stringify({ files: entries }, null, 2)}\n`);
}

/** Reads one `--git owner/name=GIT_DIR` value into `gitDirs`. */
export function addGitDir(gitDirs: Map<string, string>, value: string | undefined): void {
  const [repository, dir] = (value ?? '').split('=');
  if (!repository || !dir) throw new Error('--git takes owner/name=GIT_DIR');
  gitDirs.set(repository, dir);
}
