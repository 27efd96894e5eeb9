import * as path from 'path';
import { readErrorExitCode, ReadErrorReason } from '../../../manifest';
import { isRecord } from '../../object-index';
import { ObjectResult } from '../../violation';
import { decodeKustomization } from './kustomization-fields';
import { kustomizationIn } from './kustomization-file';
import { generatorPaths } from './kustomization-generators';
import { isInlineDocument, isLocal, listedPaths } from './kustomization-paths';
import { PATCH_ENTRY_LISTS } from './kustomize-patches';

/** Fields whose files kustomize reads as configuration, not as resources (`listedPaths` names them so). */
const INPUT_FIELDS = /^(configurations|generators|transformers|validators|replacements|openapi)\b/;

/** How a kustomization uses a file that is none of its resources. */
export interface FileUse {
  /** `patch`: merged into a resource; `input`: read as data or configuration (a generator's file, a transformer's config) */
  readonly kind: 'patch' | 'input';
  /** The kustomization file, absolute. */
  readonly kustomization: string;
  /** Where it lists the file, e.g. `patches[0].path`. */
  readonly field: string;
  /** A patch's entry names its target (`target:`); without one, kustomize finds it by the patch's own kind and name. */
  readonly targeted: boolean;
}

/**
 * The files kustomizations use other than as resources: patches (`patches`, `patchesStrategicMerge`,
 * `patchesJson6902`), partial objects or JSON patch operations that kustomize merges into a resource; and inputs,
 * which it reads as data or configuration (generator `files` and `envs`, `configurations`, the configs of
 * `transformers`, `generators` and `validators`, `replacements` and `openapi` paths). Neither is an object of its
 * own. A file is looked up in the kustomization files of its folder and the folders above it (an install bundle
 * keeps a component's patches in a folder below its kustomization, e.g. `overlays/`), each read once.
 */
export class KustomizeFileUses {
  /** Folder -> the files that the kustomizations in it and the folders above it use (the nearest one wins). */
  private readonly byFolder = new Map<string, ReadonlyMap<string, FileUse>>();

  /** How a kustomization at or above the file's folder uses `file` (absolute); undefined when none does but as a resource. */
  useOf(file: string): FileUse | undefined {
    return this.usesAtOrAbove(path.dirname(file)).get(file);
  }

  /**
   * Whether a reader's problem is no problem for what the file is to kustomize: a JSON patch is a sequence of
   * operations (`- op: add`), not an object; an input is data, whatever it holds. A file that could not be read at
   * all (I/O, over the size limit) stays a problem.
   *
   * @param cwd what the problem's file is relative to
   */
  isExpectedOf(problem: ObjectResult, cwd: string): boolean {
    const use = this.useOf(path.resolve(cwd, problem.file));
    if (!use) return false;
    if (use.kind === 'input') return problem.violations.every((v) => v.rule.startsWith('input/') && isContentProblem(v.rule.slice('input/'.length)));
    return problem.violations.length === 1 && problem.violations[0].rule === 'input/not-an-object' && / is a sequence, /.test(problem.violations[0].message);
  }

  // Once per folder, however many objects it holds: each lookup after that is one map access.
  private usesAtOrAbove(dir: string): ReadonlyMap<string, FileUse> {
    let found = this.byFolder.get(dir);
    if (!found) {
      const parent = path.dirname(dir);
      const above = parent === dir ? new Map<string, FileUse>() : this.usesAtOrAbove(parent);
      const here = readUses(dir);
      found = here.size === 0 ? above : new Map([...above, ...here]);
      this.byFolder.set(dir, found);
    }
    return found;
  }
}

/** A problem with what an input holds (its syntax, binary bytes), which is no problem of data; not reading it at all (I/O, over the size limit) is. */
function isContentProblem(reason: string): boolean {
  return reason !== ReadErrorReason.TOO_LARGE && readErrorExitCode(reason as ReadErrorReason) !== 2;
}

function readUses(dir: string): ReadonlyMap<string, FileUse> {
  const uses = new Map<string, FileUse>();
  const found = kustomizationIn(dir);
  // A broken kustomization is reported where it is validated; here it uses no files.
  if (!found?.object) return uses;
  const { file: kustomization } = found;
  // Read as kustomize reads it: `Patches:` is `patches`.
  const object = decodeKustomization(found.object).value;
  const add = (entry: unknown, field: string, kind: FileUse['kind'], targeted: boolean) => {
    if (typeof entry !== 'string' || !isLocal(entry) || isInlineDocument(entry)) return;
    const file = path.resolve(dir, entry);
    if (!uses.has(file)) uses.set(file, { kind, kustomization, field, targeted });
  };
  const inline = object.patchesStrategicMerge;
  if (Array.isArray(inline)) inline.forEach((entry, i) => add(entry, `patchesStrategicMerge[${i}]`, 'patch', false));
  for (const field of PATCH_ENTRY_LISTS) {
    const list = object[field];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (isRecord(entry)) add(entry.path, `${field}[${i}].path`, 'patch', isRecord(entry.target));
    });
  }
  for (const listed of [...generatorPaths(object), ...listedPaths(object).filter((l) => INPUT_FIELDS.test(l.field))]) add(listed.entry, listed.field, 'input', false);
  return uses;
}
