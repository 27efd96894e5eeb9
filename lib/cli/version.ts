import type { Command } from 'commander';
import { readKfopsPackage } from '../init/kfops-package';

/** kfops' version, from the package.json it runs from (the repository's, or node_modules/kfops'). */
export function kfopsVersion(): string {
  return readKfopsPackage().version;
}

/** Adds `-V, --version` to the program and to every command registered on it, so `kfops synth --version` works too. */
export function addVersionFlags(program: Command): void {
  const version = kfopsVersion();
  for (const command of [program, ...program.commands]) command.version(version, '-V, --version', 'print the kfops version');
}
