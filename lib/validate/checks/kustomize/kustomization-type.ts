/**
 * Kustomize's `Kustomization` type as its decoder reads a kustomization file: the fields of each Go struct by JSON
 * name, with their types. Facts of kustomize v5.5.0 (the kustomize in kubectl 1.32; Argo CD 3.x ships v5 too):
 * `api/types/kustomization.go` and the types it holds (`patch.go`, `selector.go`, `image.go`, `replica.go`,
 * `labels.go`, `fieldspec.go`, `configmapargs.go`, `secretargs.go`, `generatorargs.go`, `kvpairsources.go`,
 * `generatoroptions.go`, `objectmeta.go`, `replacement.go`, `replacementfield.go`, `var.go`, `sortoptions.go`,
 * `helmchartargs.go`) and `kyaml/resid` (`ResId`, `Gvk`). Inlined structs (`json:",inline"`) are listed flat.
 */

/** A Go type as `encoding/json` decodes into it. */
export type GoType =
  | 'string'
  | 'bool'
  | 'int'
  /** `interface{}`: anything */
  | 'any'
  | { readonly list: GoType }
  /** `map[string]T` */
  | { readonly map: GoType }
  | GoStruct;

/** A Go struct: its fields by JSON name. */
export interface GoStruct {
  readonly struct: string;
  readonly fields: Readonly<Record<string, GoType>>;
}

const STRINGS: GoType = { list: 'string' };
const STRING_MAP: GoType = { map: 'string' };

const GVK = { group: 'string', version: 'string', kind: 'string' } as const;
const RES_ID = { ...GVK, name: 'string', namespace: 'string' } as const;

const SELECTOR: GoStruct = { struct: 'Selector', fields: { ...RES_ID, annotationSelector: 'string', labelSelector: 'string' } };
const PATCH: GoStruct = { struct: 'Patch', fields: { path: 'string', patch: 'string', target: SELECTOR, options: { map: 'bool' } } };
const IMAGE: GoStruct = { struct: 'Image', fields: { name: 'string', newName: 'string', tagSuffix: 'string', newTag: 'string', digest: 'string' } };
const FIELD_SPEC: GoStruct = { struct: 'FieldSpec', fields: { ...GVK, path: 'string', create: 'bool' } };
const LABEL: GoStruct = {
  struct: 'Label', fields: { pairs: STRING_MAP, includeSelectors: 'bool', includeTemplates: 'bool', fields: { list: FIELD_SPEC } },
};
const GENERATOR_OPTIONS: GoStruct = {
  struct: 'GeneratorOptions', fields: { labels: STRING_MAP, annotations: STRING_MAP, disableNameSuffixHash: 'bool', immutable: 'bool' },
};
/** `GeneratorArgs` with its inlined `KvPairSources`. */
const GENERATOR_ARGS = {
  namespace: 'string', name: 'string', behavior: 'string', options: GENERATOR_OPTIONS,
  literals: STRINGS, files: STRINGS, envs: STRINGS, env: 'string',
} as const;
const CONFIG_MAP_ARGS: GoStruct = { struct: 'ConfigMapArgs', fields: GENERATOR_ARGS };
const SECRET_ARGS: GoStruct = { struct: 'SecretArgs', fields: { ...GENERATOR_ARGS, type: 'string' } };
const REPLICA: GoStruct = { struct: 'Replica', fields: { name: 'string', count: 'int' } };
const FIELD_OPTIONS: GoStruct = { struct: 'FieldOptions', fields: { delimiter: 'string', index: 'int', encoding: 'string', create: 'bool' } };
const SOURCE_SELECTOR: GoStruct = { struct: 'SourceSelector', fields: { ...RES_ID, fieldPath: 'string', options: FIELD_OPTIONS } };
const TARGET_SELECTOR: GoStruct = {
  struct: 'TargetSelector', fields: { select: SELECTOR, reject: { list: SELECTOR }, fieldPaths: STRINGS, options: FIELD_OPTIONS },
};
/** `ReplacementField`: an inlined `Replacement`, or the `path` of a file holding one. */
const REPLACEMENT_FIELD: GoStruct = {
  struct: 'ReplacementField', fields: { source: SOURCE_SELECTOR, targets: { list: TARGET_SELECTOR }, path: 'string' },
};
const VAR: GoStruct = {
  struct: 'Var', fields: {
    name: 'string',
    objref: { struct: 'Target', fields: { apiVersion: 'string', ...GVK, name: 'string', namespace: 'string' } },
    fieldref: { struct: 'FieldSelector', fields: { fieldPath: 'string' } },
  },
};
const SORT_OPTIONS: GoStruct = {
  struct: 'SortOptions', fields: {
    order: 'string',
    legacySortOptions: { struct: 'LegacySortOptions', fields: { orderFirst: STRINGS, orderLast: STRINGS } },
  },
};
const HELM_GLOBALS: GoStruct = { struct: 'HelmGlobals', fields: { chartHome: 'string', configHome: 'string' } };
const HELM_CHART: GoStruct = {
  struct: 'HelmChart', fields: {
    name: 'string', version: 'string', repo: 'string', releaseName: 'string', namespace: 'string',
    additionalValuesFiles: STRINGS, valuesFile: 'string', valuesInline: { map: 'any' }, valuesMerge: 'string',
    includeCRDs: 'bool', skipHooks: 'bool', apiVersions: STRINGS, kubeVersion: 'string', nameTemplate: 'string',
    skipTests: 'bool', debug: 'bool',
  },
};
const HELM_CHART_ARGS: GoStruct = {
  struct: 'HelmChartArgs', fields: {
    chartName: 'string', chartVersion: 'string', chartRepoUrl: 'string', chartHome: 'string', chartRepoName: 'string',
    helmBin: 'string', helmHome: 'string', values: 'string', valuesLocal: { map: 'any' }, valuesMerge: 'string',
    releaseName: 'string', releaseNamespace: 'string', extraArgs: STRINGS,
  },
};

/** The `Kustomization` struct (its `TypeMeta` inlined). */
export const KUSTOMIZATION_TYPE: GoStruct = {
  struct: 'Kustomization', fields: {
    kind: 'string', apiVersion: 'string',
    metadata: { struct: 'ObjectMeta', fields: { name: 'string', namespace: 'string', labels: STRING_MAP, annotations: STRING_MAP } },
    openapi: STRING_MAP, namePrefix: 'string', nameSuffix: 'string', namespace: 'string',
    commonLabels: STRING_MAP, labels: { list: LABEL }, commonAnnotations: STRING_MAP,
    patchesStrategicMerge: STRINGS, patchesJson6902: { list: PATCH }, patches: { list: PATCH },
    images: { list: IMAGE }, imageTags: { list: IMAGE }, replacements: { list: REPLACEMENT_FIELD }, replicas: { list: REPLICA },
    vars: { list: VAR }, sortOptions: SORT_OPTIONS,
    resources: STRINGS, components: STRINGS, crds: STRINGS, bases: STRINGS,
    configMapGenerator: { list: CONFIG_MAP_ARGS }, secretGenerator: { list: SECRET_ARGS },
    helmGlobals: HELM_GLOBALS, helmCharts: { list: HELM_CHART }, helmChartInflationGenerator: { list: HELM_CHART_ARGS },
    generatorOptions: GENERATOR_OPTIONS,
    configurations: STRINGS, generators: STRINGS, transformers: STRINGS, validators: STRINGS, buildMetadata: STRINGS,
  },
};
