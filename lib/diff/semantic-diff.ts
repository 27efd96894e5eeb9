import { UserError } from '../user-error';
import { append } from '../append';
import { diffFields, FieldChange } from './field-diff';
import { compareRefs, ManifestObject, ObjectRef } from './manifest-object';
import { maskSecrets } from './masking';
import { PipelineChange, pipelineChange } from './pipeline-changes';
import { RunObjects } from './pipeline-run';
import { RunChange, runChange } from './run-changes';
import {
  HighlightedChange, imageChanges, kustomizationChanges, ParameterChange, parameterChanges, ReviewSummary, scalingChanges,
} from './review-summary';
import { isManifestFile, parseTreeFiles, readTreeFiles } from './tree-files';

/** How one object differs between base and head. */
export interface ObjectDiff {
  readonly op: 'added' | 'removed' | 'changed';
  readonly ref: ObjectRef;
  /** File in the base tree (absent when added). */
  readonly baseFile?: string;
  /** File in the head tree (absent when removed). */
  readonly headFile?: string;
  /** Field changes of a changed object; empty for added and removed ones. */
  readonly changes: readonly FieldChange[];
  /**
   * The whole object, secrets masked, for added (head) and removed (base) objects. Masked anew on each read and not
   * kept, so a diff of a 50 MB `List` holds no second copy of every object.
   */
  readonly body?: unknown;
}

/** The semantic diff of two synthesized trees. */
export interface TreeDiff {
  /** Differing objects, ordered by env, kind, namespace, name. */
  readonly objects: readonly ObjectDiff[];
  /** What a reviewer should look at first. */
  readonly summary: ReviewSummary;
  /** Argo pipeline objects among `objects`, with their graphs. */
  readonly pipelines: readonly PipelineChange[];
  /** What runs of the changed pipelines will do differently, step by step. */
  readonly runs: readonly RunChange[];
}

/**
 * Every object of each side, for what a changed pipeline refers to outside its own file (the WorkflowTemplate a
 * CronWorkflow runs). Read only when needed. @default - the objects being diffed
 */
export interface DiffContext {
  readonly base: () => readonly ManifestObject[];
  readonly head: () => readonly ManifestObject[];
}

/**
 * Diffs two sets of objects, matched by env/apiVersion/kind/namespace/name.
 *
 * @param base objects of the base tree
 * @param head objects of the head tree
 */
export function diffManifests(base: readonly ManifestObject[], head: readonly ManifestObject[], context?: DiffContext): TreeDiff {
  const baseById = indexById(base, 'base');
  const headById = indexById(head, 'head');
  const objects: ObjectDiff[] = [];
  const pipelines: PipelineChange[] = [];
  const runs: RunChange[] = [];
  const around = (side: () => readonly ManifestObject[]) => {
    let all: readonly ManifestObject[] | undefined;
    const read = () => (all ??= side());
    return (env: string): RunObjects => ({ env: () => read().filter((o) => o.ref.env === env), all: read });
  };
  const baseObjects = around(context?.base ?? (() => base));
  const headObjects = around(context?.head ?? (() => head));
  const parameters: ParameterChange[] = [];
  const images: HighlightedChange[] = [];
  const scaling: HighlightedChange[] = [];
  const kustomizations: HighlightedChange[] = [];
  for (const [id, h] of headById) {
    const b = baseById.get(id);
    if (!b) {
      objects.push(wholeObject('added', h));
      addPipeline(pipelines, pipelineChange(h.ref, h.file, undefined, h.body, []));
      continue;
    }
    const changes = diffFields(h.ref.kind, b.body, h.body);
    if (changes.length === 0) continue;
    objects.push({ op: 'changed', ref: h.ref, baseFile: b.file, headFile: h.file, changes });
    const params = parameterChanges(h.ref, b.body, h.body);
    append(parameters, params);
    append(images, imageChanges(h.ref, changes));
    append(scaling, scalingChanges(h.ref, changes));
    append(kustomizations, kustomizationChanges(h.ref, changes));
    const pipeline = pipelineChange(h.ref, h.file, b.body, h.body, params);
    addPipeline(pipelines, pipeline);
    const run = pipeline && runChange(b, h, baseObjects(b.ref.env), headObjects(h.ref.env));
    if (run) runs.push(run);
  }
  for (const [id, b] of baseById) {
    if (headById.has(id)) continue;
    objects.push(wholeObject('removed', b));
    addPipeline(pipelines, pipelineChange(b.ref, b.file, b.body, undefined, []));
  }
  objects.sort((x, y) => compareRefs(x.ref, y.ref));
  pipelines.sort((x, y) => compareRefs(x.ref, y.ref));
  runs.sort((x, y) => compareRefs(x.ref, y.ref));
  const count = (op: ObjectDiff['op']) => objects.filter((o) => o.op === op).length;
  return {
    objects,
    pipelines,
    runs,
    summary: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      parameters: parameters.sort((x, y) => cmp(x.pipeline, y.pipeline) || cmp(x.parameter, y.parameter) || cmp(x.env, y.env)),
      images,
      scaling,
      kustomizations,
    },
  };
}

/**
 * Diffs two synthesized trees (e.g. two `dist/` folders). Files with the same path and the same bytes on both sides
 * hold the same objects, so only the other files are parsed: the cost follows the size of the change, not of the
 * tree.
 */
export async function diffTrees(baseDir: string, headDir: string): Promise<TreeDiff> {
  const [baseFiles, headFiles] = await Promise.all([
    readTreeFiles(baseDir, { filter: isManifestFile }),
    readTreeFiles(headDir, { filter: isManifestFile }),
  ]);
  const differs = (mine: Map<string, Buffer>, theirs: Map<string, Buffer>) =>
    [...mine].filter(([file, bytes]) => !theirs.get(file)?.equals(bytes));
  return diffManifests(parseTreeFiles(differs(baseFiles, headFiles)), parseTreeFiles(differs(headFiles, baseFiles)), {
    base: () => parseTreeFiles(baseFiles),
    head: () => parseTreeFiles(headFiles),
  });
}

/** An added or removed object, its body masked when read. */
function wholeObject(op: 'added' | 'removed', o: ManifestObject): ObjectDiff {
  return {
    op,
    ref: o.ref,
    ...(op === 'added' ? { headFile: o.file } : { baseFile: o.file }),
    changes: [],
    get body() {
      return maskSecrets(o.body, o.ref.kind);
    },
  };
}

function indexById(objects: readonly ManifestObject[], side: string): Map<string, ManifestObject> {
  const out = new Map<string, ManifestObject>();
  for (const o of objects) {
    const seen = out.get(o.id);
    if (seen) {
      throw new UserError(`${side} tree: ${o.ref.kind} ${o.ref.name} (${o.ref.apiVersion}${o.ref.namespace ? `, namespace ${o.ref.namespace}` : ''}) is defined twice, in ${seen.file} and ${o.file} (give each object a unique name per environment)`, 2);
    }
    out.set(o.id, o);
  }
  return out;
}

function addPipeline(list: PipelineChange[], change: PipelineChange | undefined): void {
  if (change) list.push(change);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
