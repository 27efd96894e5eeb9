import * as path from 'path';
import { readErrorExitCode, ReadErrorReason } from '../../../manifest';
import { isRecord, KubeObject } from '../../object-index';
import { ObjectResult, Violation } from '../../violation';
import { decodeKustomization } from './kustomization-fields';
import { kustomizationIn } from './kustomization-file';
import { generatorPaths } from './kustomization-generators';
import { isInlineDocument, isLocal, listedPaths } from './kustomization-paths';
import { PATCH_ENTRY_LISTS } from './kustomize-patches';

/** Fields whose files are objects of the build. */
const RESOURCE_FIELDS = /^(resources|bases|crds)\b/;
/** Fields whose files kustomize reads as configuration, not as resources (`listedPaths` names them so). */
const INPUT_FIELDS = /^(configurations|generators|transformers|validators|replacements|openapi)\b/;

/** How a kustomization uses a file. */
export interface FileUse {
  /**
   * `resource`: one of the objects it builds; `patch`: merged into a resource; `input`: read as data or
   * configuration (a generator's file, a transformer's config)
   */
  readonly kind: 'resource' | 'patch' | 'input';
  /** The kustomization file, absolute. */
  readonly kustomization: string;
  /** Where it lists the file, e.g. `patches[0].path`. */
  readonly field: string;
  /** A patch's entry names its target (`target:`); without one, kustomize finds it by the patch's own kind and name. */
  readonly targeted: boolean;
  /** The kustomization adds labels to selectors (`commonLabels`, `labels` with `includeSelectors`), creating them where missing. */
  readonly addsSelectors: boolean;
}

/** The workload kinds whose `spec.selector` kustomize's label transformer creates when it is missing (its default field specs). */
const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ReplicationController']);

/**
 * How kustomizations use the files of their folders: as resources (`resources`, `bases`, `crds`); as patches
 * (`patches`, `patchesStrategicMerge`, `patchesJson6902`), partial objects or JSON patch operations that kustomize
 * merges into a resource; and as inputs, which it reads as data or configuration (generator `files` and `envs`,
 * `configurations`, the configs of `transformers`, `generators` and `validators`, `replacements` and `openapi`
 * paths). Neither a patch nor an input is an object of its own, and a file of a kustomized folder that its
 * kustomization does not use is none that gets applied. A file is looked up in the kustomization files of its folder and the folders above it (an install bundle
 * keeps a component's patches in a folder below its kustomization, e.g. `overlays/`), each read once.
 */
export class KustomizeFileUses {
  /** Folder -> the files that the kustomizations in it and the folders above it use (the nearest one wins). */
  private readonly byFolder = new Map<string, ReadonlyMap<string, FileUse>>();

  /** Folder -> whether it holds a kustomization kustomize can read. */
  private readonly kustomized = new Map<string, boolean>();

  /** How a kustomization at or above the file's folder uses `file` (absolute); undefined when none does. */
  useOf(file: string): FileUse | undefined {
    return this.usesAtOrAbove(path.dirname(file)).get(file);
  }

  /**
   * Whether `file` (absolute, no kustomization itself) sits in a folder whose kustomization uses it in no way, nor
   * does any kustomization above: kustomize, and so Argo CD, builds that folder without it.
   */
  isUnused(file: string): boolean {
    const dir = path.dirname(file);
    const uses = this.usesAtOrAbove(dir);
    return this.kustomized.get(dir) === true && !uses.has(file);
  }

  /**
   * Whether a finding about a resource is one kustomize's build resolves: a workload's missing or empty
   * `spec.selector`, which the build's label transformer creates from `commonLabels` (or `labels` with
   * `includeSelectors`).
   */
  resolvedByBuild(object: KubeObject, use: FileUse | undefined, violation: Violation): boolean {
    if (use?.kind !== 'resource' || !use.addsSelectors || !SELECTOR_KINDS.has(String(object.kind)) || violation.path !== 'spec.selector') return false;
    const selector = isRecord(object.spec) ? object.spec.selector : undefined;
    const empty = !isRecord(selector) || Object.keys(selector).every((key) => !isRecord(selector[key]) || Object.keys(selector[key] as object).length === 0);
    return empty && (violation.rule === 'required' || violation.rule === 'k8s/selector');
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
    if (!use || use.kind === 'resource') return false;
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
      this.kustomized.set(dir, here !== undefined);
      found = here === undefined || here.size === 0 ? above : new Map([...above, ...here]);
      this.byFolder.set(dir, found);
    }
    return found;
  }
}

/** A problem with what an input holds (its syntax, binary bytes), which is no problem of data; not reading it at all (I/O, over the size limit) is. */
function isContentProblem(reason: string): boolean {
  return reason !== ReadErrorReason.TOO_LARGE && readErrorExitCode(reason as ReadErrorReason) !== 2;
}

/** The files a folder's kustomization uses; undefined when the folder has none kustomize can read. */
function readUses(dir: string): ReadonlyMap<string, FileUse> | undefined {
  const uses = new Map<string, FileUse>();
  const found = kustomizationIn(dir);
  // A broken kustomization is reported where it is validated; here it uses no files, and leaves none unused.
  if (!found?.object) return undefined;
  const { file: kustomization } = found;
  // Read as kustomize reads it: `Patches:` is `patches`.
  const object = decodeKustomization(found.object).value;
  const addsSelectors = (isRecord(object.commonLabels) && Object.keys(object.commonLabels).length > 0)
    || (Array.isArray(object.labels) && object.labels.some((l) => isRecord(l) && l.includeSelectors === true && isRecord(l.pairs) && Object.keys(l.pairs).length > 0));
  const add = (entry: unknown, field: string, kind: FileUse['kind'], targeted: boolean) => {
    if (typeof entry !== 'string' || !isLocal(entry) || isInlineDocument(entry)) return;
    const file = path.resolve(dir, entry);
    if (!uses.has(file)) uses.set(file, { kind, kustomization, field, targeted, addsSelectors });
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
  for (const listed of listedPaths(object).filter((l) => RESOURCE_FIELDS.test(l.field))) add(listed.entry, listed.field, 'resource', false);
  return uses;
}
