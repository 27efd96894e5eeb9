import * as path from 'path';
import { isRecord } from '../../object-index';
import { error, Violation } from '../../violation';
import { isLocal, ListedPath } from './kustomization-paths';

const GENERATORS = [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const;

/** The files generators read (`files`, `envs`, `env`), to check as the kustomization's other paths. */
export function generatorPaths(kustomization: Readonly<Record<string, unknown>>): ListedPath[] {
  const found: ListedPath[] = [];
  for (const [field, generator] of generatorsOf(kustomization)) {
    eachString(generator.files, (source, j) => {
      const file = fileSource(source).file;
      if (file !== '' && isLocal(file)) found.push({ field: `${field}.files[${j}]`, entry: file, kind: 'file' });
    });
    eachString(generator.envs, (file, j) => {
      if (isLocal(file)) found.push({ field: `${field}.envs[${j}]`, entry: file, kind: 'file' });
    });
    if (typeof generator.env === 'string' && isLocal(generator.env)) found.push({ field: `${field}.env`, entry: generator.env, kind: 'file' });
  }
  return found;
}

/**
 * Each `configMapGenerator` and `secretGenerator` entry as kustomize builds its object (v5.5.0
 * `api/internal/generators/utils.go`, `api/kv/kv.go`): a name ("a configmap must have a name", said of Secrets
 * too), literals as `key=value`, file sources as `path` or `key=path` with a key, and no key given twice among
 * the literals and files ("illegally repeats the key"). The keys of env files are not read.
 */
export function checkGenerators(kustomization: Readonly<Record<string, unknown>>): Violation[] {
  const violations: Violation[] = [];
  for (const [field, generator, kind] of generatorsOf(kustomization)) {
    if (typeof generator.name !== 'string' || generator.name === '') {
      violations.push(error(`${field}.name`, 'kustomize/generator-name', `the ${kind} generator has no name, so kustomize refuses it ("a configmap must have a name")`,
        `name the ${kind}: name: my-${kind.toLowerCase()}`));
    }
    const keys = new Map<string, string>();
    const addKey = (key: string, at: string) => {
      const first = keys.get(key);
      if (first === undefined) {
        keys.set(key, at);
        return;
      }
      violations.push(error(at, 'kustomize/generator-key', `the key "${key}" is already given by ${first}, so kustomize refuses the ${kind} `
        + '("illegally repeats the key")', 'give each key once'));
    };
    eachString(generator.literals, (literal, j) => {
      const at = `${field}.literals[${j}]`;
      const equals = literal.indexOf('=');
      if (equals <= 0) {
        violations.push(error(at, 'kustomize/generator-source', `the literal "${literal}" is not key=value, so kustomize refuses it ("invalid literal source")`,
          'write it as key=value'));
      } else {
        addKey(literal.slice(0, equals), at);
      }
    });
    eachString(generator.files, (source, j) => {
      const at = `${field}.files[${j}]`;
      const { key, file } = fileSource(source);
      if (source.split('=').length > 2) {
        violations.push(error(at, 'kustomize/generator-source', `the file source "${source}" holds more than one "=", so kustomize refuses it `
          + '("key name or file path contains \'=\'")', 'write it as key=path, with no "=" in the key or the path'));
      } else if (key === '' || file === '') {
        violations.push(error(at, 'kustomize/generator-source', `the file source "${source}" has ${key === '' ? 'no key before' : 'no path after'} its "=", `
          + 'so kustomize refuses it', 'write it as path or as key=path'));
      } else {
        addKey(key, at);
      }
    });
  }
  return violations;
}

/** Each generator entry with where it is (`configMapGenerator[0]`) and the kind it generates. */
function generatorsOf(kustomization: Readonly<Record<string, unknown>>): [string, Record<string, unknown>, string][] {
  const found: [string, Record<string, unknown>, string][] = [];
  for (const [field, kind] of GENERATORS) {
    const entries = kustomization[field];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (isRecord(entry)) found.push([`${field}[${i}]`, entry, kind]);
    });
  }
  return found;
}

/** A file source's key and path: `key=path`, or a path whose file name is the key. */
function fileSource(source: string): { key: string; file: string } {
  const equals = source.indexOf('=');
  return equals < 0 ? { key: path.basename(source), file: source } : { key: source.slice(0, equals), file: source.slice(equals + 1) };
}

/** Calls `each` for the strings of a list, with their indexes in it. */
function eachString(value: unknown, each: (item: string, index: number) => void): void {
  if (!Array.isArray(value)) return;
  value.forEach((item, i) => {
    if (typeof item === 'string') each(item, i);
  });
}
