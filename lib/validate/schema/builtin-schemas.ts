import * as fs from 'fs';
import * as path from 'path';
import { correctArgoDefinitions } from './argo-corrections';
import { DEFAULT_MAX_FILE_BYTES } from '../../manifest';
import { readCrdDocuments } from './crd-files';
import { crdEnumNodes } from './crd-enums';
import { crdTarget } from './crd-schema';
import { crdVersions } from './crd-versions';
import { EnumFacts, enumFields } from './enum-facts';
import { correctKubernetesDefinitions } from './kubernetes-corrections';
import { releaseFiles, UPSTREAM_DIR } from './provenance';
import type { SchemaDocument, SchemaNode, SchemaTarget } from './schema-node';
import { releaseFolder, SchemaProject, UpstreamRelease } from './upstream-versions';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const ARGO_GROUP = 'argoproj.io';

/** The releases whose schemas a registry uses, one per project. */
export type SelectedReleases = Readonly<Record<SchemaProject, UpstreamRelease>>;

/** Kinds that upstream publishes as CRD files: which file holds each (checked against the data by a test). */
export const CRD_KINDS: readonly { project: SchemaProject; apiVersion: string; kind: string; file: string }[] = [
  { project: SchemaProject.ARGO_CD, apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', file: 'application-crd.yaml' },
  { project: SchemaProject.ARGO_CD, apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', file: 'applicationset-crd.yaml' },
  { project: SchemaProject.ARGO_CD, apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', file: 'appproject-crd.yaml' },
  { project: SchemaProject.TRAINING_OPERATOR, apiVersion: 'kubeflow.org/v1', kind: 'TFJob', file: 'kubeflow.org_tfjobs.yaml' },
];

/** A parsed OpenAPI or JSON Schema file and the kinds it defines, by `apiVersion\0kind`. */
interface LoadedDocument extends SchemaDocument {
  readonly kinds: ReadonlyMap<string, SchemaNode>;
}

/**
 * The upstream schemas of the selected releases, read from `upstream/` when a kind first needs them: one
 * Kubernetes group-version file per apiVersion present, Argo Workflows' schema.json for its kinds, one Argo CD or
 * Training Operator CRD file per kind. Nothing is compiled; parsed files are kept for the life of the object.
 */
export class BuiltinSchemas {
  private readonly documents = new Map<string, LoadedDocument | undefined>();
  private readonly found = new Map<string, SchemaTarget | undefined>();
  private readonly enums: EnumFacts;
  private kubernetesKinds?: Map<string, string[]>;

  /** @param cacheDir where parsed large YAML files are kept between runs (a data cache), or undefined */
  constructor(
    private readonly releases: SelectedReleases,
    private readonly cacheDir: string | undefined,
  ) {
    this.enums = EnumFacts.forReleases(releases[SchemaProject.KUBERNETES].version, releases[SchemaProject.ARGO_WORKFLOWS].version);
  }

  /** The schema of a built-in kind, or undefined when none of the selected releases defines it. */
  lookup(apiVersion: string, kind: string): SchemaTarget | undefined {
    const id = key(apiVersion, kind);
    if (!this.found.has(id)) this.found.set(id, this.find(apiVersion, kind));
    return this.found.get(id);
  }

  private find(apiVersion: string, kind: string): SchemaTarget | undefined {
    const crdKind = CRD_KINDS.find((k) => k.apiVersion === apiVersion && k.kind === kind);
    if (crdKind) return this.crdKind(crdKind.project, crdKind.file, apiVersion, kind);
    const document = apiVersion.startsWith(`${ARGO_GROUP}/`) ? this.argoWorkflows() : this.kubernetes(apiVersion);
    const node = document?.kinds.get(key(apiVersion, kind));
    return node && document ? { node, document } : undefined;
  }

  /**
   * The schema objects of one CRD version are checked against ({@link crdTarget}), with the enum fields of the
   * Kubernetes types it inlines (a TFJob's pod templates).
   */
  crdTarget(apiVersion: string, kind: string, openAPIV3Schema: SchemaNode | undefined): SchemaTarget {
    const target = crdTarget(openAPIV3Schema);
    const enums = crdEnumNodes(apiVersion, kind, target.node, () => this.kubernetes('v1'), this.enums.kubernetesDefinitions());
    return enums ? { node: target.node, document: { ...target.document, enums } } : target;
  }

  /** Kubernetes' ObjectMeta, for the metadata of custom resources. */
  objectMeta(): SchemaTarget {
    // Every group-version file carries ObjectMeta: one already loaded, else the smallest.
    const folder = `${this.folder(SchemaProject.KUBERNETES)}/`;
    const loaded = [...this.documents.keys()].find((file) => file.startsWith(folder));
    const document = this.kubernetesFile(loaded ?? smallest(releaseFiles(this.folder(SchemaProject.KUBERNETES))))!;
    return { node: document.definitions[OBJECT_META], document };
  }

  /** The apiVersions the selected releases define `kind` under, for the fix of a `missing-schema` violation. */
  apiVersionsOf(kind: string): string[] {
    const argo = [...(this.argoWorkflows()?.kinds.keys() ?? [])].filter((k) => k.endsWith(`\u0000${kind}`)).map((k) => k.split('\u0000')[0]);
    const crds = CRD_KINDS.filter((k) => k.kind === kind).map((k) => k.apiVersion);
    return [...new Set([...this.kubernetesApiVersionsOf(kind), ...argo, ...crds])].sort();
  }

  /** The apiVersions the selected Kubernetes release serves `kind` under (none for a custom resource). */
  kubernetesApiVersionsOf(kind: string): readonly string[] {
    if (!this.kubernetesKinds) {
      this.kubernetesKinds = new Map();
      for (const file of releaseFiles(this.folder(SchemaProject.KUBERNETES))) {
        for (const k of this.kubernetesFile(file)?.kinds.keys() ?? []) {
          const [apiVersion, name] = k.split('\u0000');
          this.kubernetesKinds.set(name, [...(this.kubernetesKinds.get(name) ?? []), apiVersion]);
        }
      }
    }
    return this.kubernetesKinds.get(kind) ?? [];
  }

  private folder(project: SchemaProject): string {
    return releaseFolder(project, this.releases[project]);
  }

  /** `apps/v1` -> `kubernetes/1.33/apis__apps__v1_openapi.json`; `v1` -> `.../api__v1_openapi.json`. */
  private kubernetes(apiVersion: string): LoadedDocument | undefined {
    const slash = apiVersion.indexOf('/');
    const name = slash < 0 ? `api__${apiVersion}_openapi.json` : `apis__${apiVersion.slice(0, slash)}__${apiVersion.slice(slash + 1)}_openapi.json`;
    const file = `${this.folder(SchemaProject.KUBERNETES)}/${name}`;
    return releaseFiles(this.folder(SchemaProject.KUBERNETES)).includes(file) ? this.kubernetesFile(file) : undefined;
  }

  private kubernetesFile(file: string): LoadedDocument | undefined {
    return this.document(file, (json) => {
      const definitions = correctKubernetesDefinitions((json.components as { schemas: Record<string, SchemaNode> }).schemas);
      // A group-version file also holds the kinds it refers to from other groups (autoscaling/v1 Scale in apps/v1).
      const groupVersion = path.basename(file).replace(/_openapi\.json$/, '').replace(/^apis?__/, '').replace('__', '/');
      return {
        definitions, kinds: kindsOf(definitions, (apiVersion) => apiVersion === groupVersion),
        enums: enumFields(definitions, this.enums.kubernetesDefinitions()),
      };
    });
  }

  private argoWorkflows(): LoadedDocument | undefined {
    return this.document(`${this.folder(SchemaProject.ARGO_WORKFLOWS)}/schema.json`, (json) => {
      const definitions = correctArgoDefinitions(json.definitions as Record<string, SchemaNode>, this.releases[SchemaProject.ARGO_WORKFLOWS].version);
      // schema.json also defines the core Event and PersistentVolumeClaim kinds, as Argo's Kubernetes pins them.
      return {
        definitions, kinds: kindsOf(definitions, (apiVersion) => apiVersion.startsWith(`${ARGO_GROUP}/`)),
        enums: enumFields(definitions, this.enums.argoDefinitions()),
      };
    });
  }

  private document(file: string, read: (json: Record<string, unknown>) => LoadedDocument): LoadedDocument | undefined {
    if (!this.documents.has(file)) {
      const json = JSON.parse(fs.readFileSync(path.join(UPSTREAM_DIR, file), 'utf8')) as Record<string, unknown>;
      this.documents.set(file, read(json));
    }
    return this.documents.get(file);
  }

  private crdKind(project: SchemaProject, name: string, apiVersion: string, kind: string): SchemaTarget | undefined {
    const docs = readCrdDocuments(path.join(UPSTREAM_DIR, this.folder(project), name), {
      cwd: UPSTREAM_DIR, maxFileBytes: DEFAULT_MAX_FILE_BYTES, required: true, cacheDir: this.cacheDir,
    });
    const version = docs.flatMap(({ doc, source }) => crdVersions(doc, source)).find((v) => v.apiVersion === apiVersion && v.kind === kind);
    return version ? this.crdTarget(apiVersion, kind, version.openAPIV3Schema) : undefined;
  }
}

/** The kinds a definitions map declares through `x-kubernetes-group-version-kind`, by `apiVersion\0kind`. */
function kindsOf(definitions: Readonly<Record<string, SchemaNode>>, wanted: (apiVersion: string) => boolean): Map<string, SchemaNode> {
  const kinds = new Map<string, SchemaNode>();
  for (const node of Object.values(definitions)) {
    const gvks = node['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const { group, version, kind } of gvks as { group: string; version: string; kind: string }[]) {
      const apiVersion = group ? `${group}/${version}` : version;
      if (wanted(apiVersion)) kinds.set(key(apiVersion, kind), node);
    }
  }
  return kinds;
}

function smallest(files: readonly string[]): string {
  return [...files].sort((a, b) => fs.statSync(path.join(UPSTREAM_DIR, a)).size - fs.statSync(path.join(UPSTREAM_DIR, b)).size)[0];
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}
