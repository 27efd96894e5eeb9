import * as path from 'path';
import { readErrorExitCode, ReadErrorReason } from '../../../manifest';
import { own } from '../../../own';
import { groupOf, isRecord, KubeObject, ObjectIndex, records } from '../../object-index';
import { ObjectResult, Violation } from '../../violation';
import { decodeKustomization } from './kustomization-fields';
import { kustomizationIn } from './kustomization-file';
import { generatorPaths } from './kustomization-generators';
import { isInlineDocument, isLocal, listedPaths } from './kustomization-paths';
import { unusedByKustomization } from './check-kustomization';
import { PATCH_ENTRY_LISTS } from './kustomize-patches';

/** Fields whose files are objects of the build. */
const RESOURCE_FIELDS = /^(resources|bases)\b/;
/** Fields whose files kustomize reads as configuration, not as resources (`listedPaths` names them so); `crds` are OpenAPI definitions. */
const INPUT_FIELDS = /^(crds|configurations|generators|transformers|validators|replacements|openapi)\b/;

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
  /** The kustomization sets `namespace:`, which its namespace transformer gives its objects and what names them. */
  readonly setsNamespace: boolean;
}

/**
 * The workload kinds whose `spec.selector` kustomize's label transformer creates when it is missing (its default
 * field specs), by kind and the API group it asks for.
 */
const SELECTOR_KINDS: Readonly<Record<string, string>> = { Deployment: 'apps', ReplicaSet: 'apps', DaemonSet: 'apps', StatefulSet: 'apps', ReplicationController: '' };
/** Kinds whose webhooks name a Service, and the path of a webhook's missing service namespace. */
const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
const WEBHOOK_SERVICE_NAMESPACE = /^webhooks\[(\d+)\]\.clientConfig\.service\.namespace$/;

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

  /** Folder -> its own kustomization's uses and commented-out entries, when it holds one kustomize can read. */
  private readonly own = new Map<string, FolderKustomization | undefined>();

  /** Folder without a kustomization -> the kustomization above that owns it ({@link folderOwner}). */
  private readonly owners = new Map<string, { readonly dir: string; readonly listsFolder: boolean } | null>();

  /** Kustomization folder -> whether every build including it adds selectors ({@link includersAddSelectors}). */
  private readonly includedWithSelectors = new Map<string, boolean>();

  /** How a kustomization at or above the file's folder uses `file` (absolute); undefined when none does. */
  useOf(file: string): FileUse | undefined {
    return this.usesAtOrAbove(path.dirname(file)).get(file);
  }

  /**
   * Whether `file` (absolute, no kustomization itself) is one no kustomization at or above its folder uses, while
   * one of them owns it: its folder's own, or, for a folder without one, the nearest kustomization above when that
   * uses other files of the folder or has the file's entry commented out (kubebuilder's `config/crd/patches/`,
   * whose `#- patches/webhook_in_x.yaml` lines a project uncomments to enable them). Kustomize, and so Argo CD,
   * builds without it. A folder below a kustomization that the kustomization never names (plain manifests applied
   * on their own) is not judged.
   */
  isUnused(file: string): boolean {
    return this.unusedBy(file) !== undefined;
  }

  /** The `kustomize/unused-file` warning for `file` when it {@link isUnused}, naming the kustomization that owns it. */
  unusedWarning(file: string): Violation | undefined {
    const owner = this.unusedBy(file);
    if (owner === undefined) return undefined;
    const dir = path.dirname(file);
    const slashed = (p: string) => p.split(path.sep).join('/');
    return owner === dir ? unusedByKustomization(path.basename(file)) : unusedByKustomization(slashed(path.relative(owner, file)), slashed(path.relative(dir, owner)));
  }

  /** The folder of the kustomization that owns `file` and uses it in no way, or undefined. */
  private unusedBy(file: string): string | undefined {
    const dir = path.dirname(file);
    if (this.usesAtOrAbove(dir).has(file)) return undefined;
    if (this.own.get(dir)) return dir;
    const owner = this.folderOwner(dir);
    if (!owner) return undefined;
    return owner.listsFolder || this.own.get(owner.dir)!.commented.has(file) ? owner.dir : undefined;
  }

  /**
   * For a folder without a kustomization: the nearest folder above with one, and whether that kustomization lists
   * files of this folder; null without one. Once per folder.
   */
  private folderOwner(dir: string): { readonly dir: string; readonly listsFolder: boolean } | null {
    let found = this.owners.get(dir);
    if (found === undefined) {
      found = null;
      for (let above = path.dirname(dir); ; above = path.dirname(above)) {
        const nearest = this.own.get(above);
        if (nearest) {
          found = { dir: above, listsFolder: [...nearest.uses.keys()].some((used) => path.dirname(used) === dir) };
          break;
        }
        if (path.dirname(above) === above) break;
      }
      this.owners.set(dir, found);
    }
    return found;
  }

  /**
   * Whether a finding about a resource is one kustomize's build resolves: a workload's missing or empty
   * `spec.selector`, which the build's label transformer creates from `commonLabels` (or `labels` with
   * `includeSelectors`); a webhook's missing `clientConfig.service.namespace`, which a build that sets `namespace:`
   * fills in when the run holds that Service (kustomize moves the Service, then updates what names it; checked with
   * `kubectl kustomize`). Labels count when the kustomization that lists the file adds them, or when it is a base
   * that every kustomization of the run including it builds with them (`default/` and `overlays/*` listing
   * `../manager` with `commonLabels`, as kubebuilder lays projects out).
   *
   * @param kustomizations the folders of the run's kustomizations
   */
  resolvedByBuild(object: KubeObject, use: FileUse | undefined, violation: Violation, index: ObjectIndex, kustomizations: readonly string[]): boolean {
    if (use?.kind !== 'resource') return false;
    if (use.setsNamespace && violation.rule === 'required' && WEBHOOK_KINDS.has(String(object.kind)) && groupOf(object) === 'admissionregistration.k8s.io') {
      const webhook = WEBHOOK_SERVICE_NAMESPACE.exec(violation.path);
      const service = webhook ? records(object.webhooks)[Number(webhook[1])]?.clientConfig : undefined;
      const name = isRecord(service) && isRecord(service.service) ? service.service.name : undefined;
      return typeof name === 'string' && index.find('Service', name, undefined) !== undefined;
    }
    if (violation.path !== 'spec.selector' || (violation.rule !== 'required' && violation.rule !== 'k8s/selector')) return false;
    if (!use.addsSelectors && !this.includersAddSelectors(path.dirname(use.kustomization), kustomizations)) return false;
    const kind = String(object.kind);
    if (own(SELECTOR_KINDS, kind) !== groupOf(object)) return false;
    const selector = isRecord(object.spec) ? object.spec.selector : undefined;
    if (!isRecord(selector)) return true;
    // A ReplicationController's selector is a plain map; the others' a label selector, empty without labels or expressions.
    if (kind === 'ReplicationController') return Object.keys(selector).length === 0;
    const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
    const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
    return labels === 0 && expressions === 0;
  }

  /**
   * Whether the kustomization in `dir` is a base that every kustomization including it (as a `resources` folder)
   * builds with labels that go into selectors, itself or through those that include it in turn; false when none of
   * the run's kustomizations includes it, or on a cycle.
   */
  private includersAddSelectors(dir: string, kustomizations: readonly string[]): boolean {
    const known = this.includedWithSelectors.get(dir);
    if (known !== undefined) return known;
    this.includedWithSelectors.set(dir, false);
    let included = false;
    let always = true;
    for (const folder of kustomizations) {
      this.usesAtOrAbove(folder);
      const use = this.own.get(folder)?.uses.get(dir);
      if (use?.kind !== 'resource') continue;
      included = true;
      if (!use.addsSelectors && !this.includersAddSelectors(folder, kustomizations)) always = false;
    }
    this.includedWithSelectors.set(dir, included && always);
    return included && always;
  }

  /**
   * A reader's problem as it stands for what the file is to kustomize: none for a JSON patch, which is a sequence of
   * operations (`- op: add`), not an object, nor for an input, which is data, whatever it holds; for a file its
   * folder's kustomization does not use, the warning that it is never applied. A file that could not be read at all
   * (I/O, over the size limit) stays a problem.
   *
   * @param cwd what the problem's file is relative to
   */
  asKustomizeSees(problem: ObjectResult, cwd: string): ObjectResult | undefined {
    const file = path.resolve(cwd, problem.file);
    const content = problem.violations.every((v) => v.rule.startsWith('input/') && isContentProblem(v.rule.slice('input/'.length)));
    const use = this.useOf(file);
    if (!use) {
      const unused = content ? this.unusedWarning(file) : undefined;
      return unused ? { file: problem.file, violations: [unused] } : problem;
    }
    if (use.kind === 'input') return content ? undefined : problem;
    const operations = use.kind === 'patch' && problem.violations.length === 1 && problem.violations[0].rule === 'input/not-an-object'
      && / is a sequence, /.test(problem.violations[0].message);
    return operations ? undefined : problem;
  }

  // Once per folder, however many objects it holds: each lookup after that is one map access.
  private usesAtOrAbove(dir: string): ReadonlyMap<string, FileUse> {
    let found = this.byFolder.get(dir);
    if (!found) {
      const parent = path.dirname(dir);
      const above = parent === dir ? new Map<string, FileUse>() : this.usesAtOrAbove(parent);
      const here = readUses(dir);
      this.own.set(dir, here);
      found = here === undefined || here.uses.size === 0 ? above : mergeUses(above, here.uses);
      this.byFolder.set(dir, found);
    }
    return found;
  }
}

/**
 * The uses of a folder's kustomization over those of the folders above (the nearest wins); a resource both list
 * gets its selectors added only if every build that holds it adds them.
 */
function mergeUses(above: ReadonlyMap<string, FileUse>, here: ReadonlyMap<string, FileUse>): Map<string, FileUse> {
  const merged = new Map(above);
  for (const [file, use] of here) {
    const outer = above.get(file);
    merged.set(file, outer?.kind === 'resource' && use.kind === 'resource' ? { ...use, addsSelectors: use.addsSelectors && outer.addsSelectors } : use);
  }
  return merged;
}

/** A problem with what an input holds (its syntax, binary bytes), which is no problem of data; not reading it at all (I/O, over the size limit) is. */
function isContentProblem(reason: string): boolean {
  return reason !== ReadErrorReason.TOO_LARGE && readErrorExitCode(reason as ReadErrorReason) !== 2;
}

/** A folder's kustomization: the files it uses, and those whose entries it has commented out (`#- patches/x.yaml`). */
interface FolderKustomization {
  readonly uses: ReadonlyMap<string, FileUse>;
  readonly commented: ReadonlySet<string>;
}

/** A commented-out list entry naming a YAML file: `#- patches/x.yaml`, `# - path: x.yml`. */
const COMMENTED_ENTRY = /^\s*#+\s*-\s*(?:path:\s*)?["']?([\w./-]+\.ya?ml)["']?\s*$/gm;

/** The files a folder's kustomization uses; undefined when the folder has none kustomize can read. */
function readUses(dir: string): FolderKustomization | undefined {
  const found = kustomizationIn(dir);
  // A broken kustomization is reported where it is validated; here it uses no files, and leaves none unused.
  if (!found?.object) return undefined;
  const commented = new Set([...(found.text ?? '').matchAll(COMMENTED_ENTRY)].map((m) => path.resolve(dir, m[1])));
  return { uses: usesOf(dir, found.file, found.object), commented };
}

/** The files a kustomization (read from `kustomization` in `dir`) uses, and how. */
function usesOf(dir: string, kustomization: string, raw: Readonly<Record<string, unknown>>): ReadonlyMap<string, FileUse> {
  const uses = new Map<string, FileUse>();
  // Read as kustomize reads it: `Patches:` is `patches`.
  const object = decodeKustomization(raw).value;
  const setsNamespace = typeof object.namespace === 'string' && object.namespace !== '';
  const addsSelectors = (isRecord(object.commonLabels) && Object.keys(object.commonLabels).length > 0)
    || (Array.isArray(object.labels) && object.labels.some((l) => isRecord(l) && l.includeSelectors === true && isRecord(l.pairs) && Object.keys(l.pairs).length > 0));
  const add = (entry: unknown, field: string, kind: FileUse['kind'], targeted: boolean) => {
    if (typeof entry !== 'string' || !isLocal(entry) || isInlineDocument(entry)) return;
    const file = path.resolve(dir, entry);
    if (!uses.has(file)) uses.set(file, { kind, kustomization, field, targeted, addsSelectors, setsNamespace });
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
  // A Helm chart's values files (read with --enable-helm).
  if (Array.isArray(object.helmCharts)) {
    object.helmCharts.forEach((chart, i) => {
      if (!isRecord(chart)) return;
      add(chart.valuesFile, `helmCharts[${i}].valuesFile`, 'input', false);
      if (Array.isArray(chart.additionalValuesFiles)) chart.additionalValuesFiles.forEach((f, j) => add(f, `helmCharts[${i}].additionalValuesFiles[${j}]`, 'input', false));
    });
  }
  return uses;
}
