import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';

/** kfops' version, from its package.json (two folders above this file, in the repository and in the package). */
export function kfopsVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/** Adds `-V, --version` to the program and to every command registered on it, so `kfops synth --version` works too. */
export function addVersionFlags(program: Command): void {
  const version = kfopsVersion();
  for (const command of [program, ...program.commands]) command.version(version, '-V, --version', 'print the kfops version');
}
