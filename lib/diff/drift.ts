import { readTreeFiles } from './tree-files';

/** How the committed output differs from a fresh synth, per file. */
export interface FileDrift {
  /** Path relative to the output folder. */
  readonly file: string;
  /**
   * `added`: synth writes it but the committed output lacks it; `removed`: committed but synth no longer writes it;
   * `changed`: different bytes.
   */
  readonly op: 'added' | 'removed' | 'changed';
}

/**
 * Compares a committed output folder with a fresh synth byte for byte: file set and content, every file (not only
 * manifests). A missing committed folder counts as empty, so every synthesized file is `added`.
 *
 * @param committedDir the output folder in the repository, e.g. `dist/`
 * @param freshDir the folder a fresh synth wrote
 */
export async function compareTrees(committedDir: string, freshDir: string): Promise<FileDrift[]> {
  const [committed, fresh] = await Promise.all([
    readTreeFiles(committedDir, { allowMissing: true }),
    readTreeFiles(freshDir),
  ]);
  const drift: FileDrift[] = [];
  for (const file of [...new Set([...committed.keys(), ...fresh.keys()])].sort()) {
    const a = committed.get(file);
    const b = fresh.get(file);
    if (!a) drift.push({ file, op: 'added' });
    else if (!b) drift.push({ file, op: 'removed' });
    else if (!a.equals(b)) drift.push({ file, op: 'changed' });
  }
  return drift;
}
