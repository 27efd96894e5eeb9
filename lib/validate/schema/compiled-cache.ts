import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeCacheFile } from './cache-files';
import { FORMATS_CODE } from './formats';

/** Bump when the shape of cached modules changes, so old entries are never loaded. */
const CACHE_FORMAT = 1;
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/** Where kfops keeps compiled validators and parsed CRD files between runs unless the caller says otherwise. */
export const DEFAULT_CACHE_DIR = path.resolve(__dirname, '../../../node_modules/.cache/kfops');

/**
 * Compiled validators kept on disk as standalone ajv modules, so a run loads in milliseconds what compiling takes
 * a second for (the Argo and PodSpec schemas are large).
 *
 * Entries are keyed by a hash of everything that shapes the code (ajv version, formats, schema, strictness), so a
 * stale entry is never used; they are written atomically, so concurrent runs cannot read half a file. Any failure
 * to read or write the cache only costs the compile it would have saved.
 */
export class CompiledCache {
  private readonly dir: string | undefined;

  /** @param cacheDir kfops' cache folder (validators go to its `validators/`), or undefined to compile every time */
  constructor(cacheDir: string | undefined) {
    this.dir = cacheDir === undefined ? undefined : path.join(cacheDir, 'validators');
  }

  /**
   * The validator for `identity` (anything that determines the compiled code), from disk when cached, otherwise
   * from `compile`, then saved.
   */
  get(identity: string, ajv: () => Ajv, compile: (ajv: Ajv) => ValidateFunction): ValidateFunction {
    if (!this.dir) return compile(ajv());
    const hash = createHash('sha256')
      .update(`${CACHE_FORMAT}\u0000${AJV_VERSION}\u0000${FORMATS_CODE.toString()}\u0000${identity}`)
      .digest('hex');
    const file = path.join(this.dir, `${hash.slice(0, 40)}.js`);
    const cached = load(file);
    if (cached) return cached;
    const instance = ajv();
    const validate = compile(instance);
    writeCacheFile(file, standaloneCode(instance, validate));
    return validate;
  }
}

/**
 * Evaluates a cached module with this module's `require`, so the `ajv`/`ajv-formats` runtime it asks for resolves
 * from kfops' own dependencies wherever the cache folder is.
 */
function load(file: string): ValidateFunction | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const mod: { exports: unknown } = { exports: {} };
    new Function('require', 'module', 'exports', fs.readFileSync(file, 'utf8'))(require, mod, mod.exports);
    const exported = mod.exports as ValidateFunction | { default?: ValidateFunction };
    const validate = typeof exported === 'function' ? exported : exported.default;
    return typeof validate === 'function' ? validate : undefined;
  } catch {
    return undefined;
  }
}
