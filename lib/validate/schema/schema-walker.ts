import { closestName } from './closest-name';
import { FORMATS } from './formats';
import { jsonPath } from './json-path';
import { describe, enumViolation, forms, list } from './schema-messages';
import { EnumField, OBJECT_META, READ_AS_EMPTY, SchemaDocument, SchemaNode, SchemaTarget, STRING_NODE } from './schema-node';
import type { SchemaViolation } from './schema-violation';
import { withoutNulls } from './without-nulls';
import { own } from '../../own';
import { userPattern, UserPattern } from '../../user-pattern';

/** How {@link checkAgainstSchema} reads the schema. */
export interface WalkOptions {
  /** unknown fields are violations where the schema lists properties and does not preserve unknown fields */
  readonly strict: boolean;
  /** ObjectMeta, for nodes marked {@link OBJECT_META}; such nodes pass anything when undefined */
  readonly objectMeta?: () => SchemaTarget;
}

/**
 * Checks a value against an upstream schema by walking both, with no compile step: OpenAPI v3 (Kubernetes),
 * JSON Schema (Argo Workflows' schema.json) and CRD structural schemas, with Kubernetes' extensions read the way
 * the API server reads them:
 *
 * - `x-kubernetes-int-or-string`, and the IntOrString definition: an integer or a string;
 * - the Quantity definition: a number, or a string in the quantity grammar;
 * - `x-kubernetes-preserve-unknown-fields`: unknown fields are kept there, so never flagged (known ones are checked);
 * - `x-kubernetes-embedded-resource`: an object with `apiVersion`, `kind` and `metadata` (ObjectMeta);
 * - `nullable`: null allowed; formats as in {@link FORMATS}; other `x-kubernetes-*` keywords are not checked;
 * - kfops' own {@link READ_AS_EMPTY} (set by schema corrections, never in upstream data): values of the types it
 *   lists are no type error but a warning, since the reader takes them and keeps nothing of them;
 * - a `field: null` is unset, as the API server reads it (kubectl writes `creationTimestamp: null`, YAML writes
 *   `replicas:` with no value): such fields are skipped where they are met, so the common object with no null
 *   field is not copied first; null array items are values;
 * - strict mode (kubeconform's `-strict`): an object node that lists `properties`, has no `additionalProperties`
 *   and does not preserve unknown fields rejects other fields, since the API server would drop them. Branches of
 *   `allOf`/`anyOf`/`oneOf`/`not` only add constraints, so they never reject fields; `$ref` targets are whole
 *   schemas and do. An explicit `additionalProperties: false` rejects them in every mode.
 *
 * @returns violations in a stable order: per object, its unknown fields, missing required fields, then its
 *   fields' own violations in the object's key order
 */
export function checkAgainstSchema(target: SchemaTarget, value: unknown, options: WalkOptions): SchemaViolation[] {
  const walker = new Walker(options);
  walker.visit(target.node, target.document, value, true);
  return walker.violations;
}

/** What a node says, read once per node and kept for the life of the (immutable) schema data. */
interface NodeInfo {
  readonly ref?: SchemaTarget | ((document: SchemaDocument) => SchemaTarget | undefined);
  /**
   * The `$ref` target as last resolved, and the document it was resolved in: a node belongs to one document, so
   * each visit after the first skips the resolver's lookups.
   */
  refIn?: SchemaDocument;
  refTarget?: Resolved;
  readonly types?: readonly string[];
  /** {@link types} as {@link TYPE_BITS} (`number` takes integers too); 0 when the node names no type */
  readonly typeMask: number;
  /** the types {@link READ_AS_EMPTY} lists, as {@link TYPE_BITS}: 0 for upstream nodes */
  readonly emptyMask: number;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly propertyNames: readonly string[];
  readonly required: readonly string[];
  readonly additional?: SchemaNode | boolean;
  readonly patternProperties?: readonly [UserPattern, SchemaNode][];
  readonly preserve: boolean;
  readonly allOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly not?: SchemaNode;
  readonly items?: SchemaNode | readonly SchemaNode[];
  readonly format?: (value: unknown) => boolean;
  readonly formatName?: string;
  readonly pattern?: UserPattern;
  readonly patternText?: string;
  readonly enum?: readonly unknown[];
  readonly hasConst: boolean;
  readonly objectMeta: boolean;
  /** whether the node bounds strings, numbers or arrays at all (enum fields included): most do not, and the walker skips those checks */
  readonly stringChecks: boolean;
  readonly numberChecks: boolean;
  readonly arrayChecks: boolean;
  /** the enum field the node stands for (enum-facts.ts), looked up in the document the node belongs to */
  readonly enumField?: EnumField;
  /**
   * The node of each property and what it says, filled on the node's first object value: one lookup per field of
   * every object checked, where the properties and the info of each would be two.
   */
  children?: Map<string, Child>;
  /** the node of every array item and what it says, filled on the node's first array value (not for tuples) */
  itemChild?: Child;
}

/** A schema node with what it says. */
interface Child {
  readonly node: SchemaNode;
  readonly info: NodeInfo;
}

/** A `$ref` target with what it says. */
interface Resolved extends Child {
  readonly document: SchemaDocument;
}

/** Each JSON type as one bit, so a node's types are tested with one `&`. */
const TYPE_BITS: Readonly<Record<string, number>> = { null: 1, boolean: 2, integer: 4, number: 8 | 4, string: 16, array: 32, object: 64 };
const NUMBER_BITS = 4 | 8;
/** A type name JSON Schema does not have (a malformed CRD): no value is of it. */
const UNKNOWN_TYPE_BIT = 128;

const infos = new WeakMap<SchemaNode, NodeInfo>();
const patterns = new Map<string, UserPattern | null>();
/** What a node that is no schema node says: nothing. */
const ANY_NODE: SchemaNode = {};
const ANY_INFO: NodeInfo = readNode(ANY_NODE, undefined);

const INT_OR_STRING: SchemaNode = { type: ['integer', 'string'] };
const QUANTITY_NODE: SchemaNode = { type: ['string', 'number'], format: 'quantity' };
const ANY_OBJECT: SchemaNode = { type: 'object' };
const OBJECT_META_NODE: SchemaNode = { [OBJECT_META]: true };
/** Definitions whose Go types unmarshal more than their published schema says (Argo's copy says `string`). */
const SPECIAL_DEFINITIONS: readonly [string, SchemaNode][] = [
  ['.apimachinery.pkg.util.intstr.IntOrString', INT_OR_STRING],
  ['.apimachinery.pkg.api.resource.Quantity', QUANTITY_NODE],
];

class Walker {
  readonly violations: SchemaViolation[] = [];

  constructor(
    private readonly options: WalkOptions,
    private readonly path: (string | number)[] = [],
  ) {}

  /** @param structural whether the node stands for a whole value (root, property, item, `$ref` target) */
  visit(node: SchemaNode, document: SchemaDocument, value: unknown, structural: boolean): void {
    this.visitNode(node, infoOf(node, document), document, value, structural);
  }

  private visitNode(node: SchemaNode, info: NodeInfo, document: SchemaDocument, value: unknown, structural: boolean): void {
    if (info.objectMeta && this.options.objectMeta) {
      const meta = this.options.objectMeta();
      this.visit(meta.node, meta.document, value, true);
    }
    if (info.ref) {
      const target = refTarget(info, document);
      if (target) this.visitNode(target.node, target.info, target.document, value, true);
    }
    const type = typeBit(value);
    if (info.typeMask !== 0 && (info.typeMask & type) === 0) {
      if ((info.emptyMask & type) !== 0) {
        this.report('read-as-empty', `expected ${info.types!.join(' or ')}, got ${describe(value)}, which is read as an empty value`,
          `write it as a string: '${JSON.stringify(value)}'`, 'warning');
        return;
      }
      this.report('type', `expected ${info.types!.join(' or ')}, got ${describe(value)}`,
        info.typeMask === TYPE_BITS.string && (typeof value === 'number' || typeof value === 'boolean')
          ? `quote the value: "${String(value)}"` : undefined);
      return;
    }
    if (info.allOf) for (const branch of info.allOf) this.visit(branch, document, value, false);
    if (info.anyOf) this.alternatives('anyOf', info.anyOf, document, value);
    if (info.oneOf) this.alternatives('oneOf', info.oneOf, document, value);
    if (info.not && this.branch(info.not, document, value).length === 0) this.report('not', `must NOT be valid, got ${describe(value)}`);
    if (info.enum && !info.enum.some((allowed) => sameValue(allowed, value))) {
      const { message, fix } = enumViolation(value, info.enum);
      this.report('enum', message, fix);
    }
    if (info.hasConst && !sameValue(node.const, value)) {
      this.report('enum', `expected ${JSON.stringify(node.const)}, got ${describe(value)}`, `use ${JSON.stringify(node.const)}`);
    }
    if (info.format && !info.format(value)) this.report('format', `${describe(value)} is not a valid ${info.formatName}`);
    if (type === TYPE_BITS.string) {
      if (info.stringChecks) this.checkString(node, info, value as string);
    } else if ((type & NUMBER_BITS) !== 0) {
      if (info.numberChecks) this.checkNumber(node, value as number);
    } else if (type === TYPE_BITS.array) {
      this.checkArray(node, info, document, value as unknown[]);
    } else if (type === TYPE_BITS.object) {
      this.checkObject(node, info, document, value as Record<string, unknown>, structural);
    }
  }

  /** The violations of one alternative, reported only if the alternatives fail. */
  private branch(branch: SchemaNode, document: SchemaDocument, value: unknown): SchemaViolation[] {
    const walker = new Walker(this.options, [...this.path]);
    walker.visit(branch, document, value, false);
    return walker.violations;
  }

  private alternatives(keyword: 'anyOf' | 'oneOf', branches: readonly SchemaNode[], document: SchemaDocument, value: unknown): void {
    const results = branches.map((b) => this.branch(b, document, value));
    const passing = results.filter((r) => r.length === 0).length;
    if (keyword === 'anyOf' ? passing > 0 : passing === 1) return;
    if (passing === 0) {
      // The one alternative that takes a value of this type is the one the user meant: its complaints say more.
      const here = jsonPath(this.path);
      const shaped = results.filter((r) => !r.some((v) => v.rule === 'type' && v.path === here));
      if (shaped.length === 1) this.violations.push(...shaped[0]);
    }
    const how = keyword === 'oneOf' ? 'not exactly one' : 'none';
    this.report(keyword, `${describe(value)} matches ${how} of the allowed forms: ${forms(branches)}`);
  }

  private checkString(node: SchemaNode, info: NodeInfo, value: string): void {
    if (info.enumField) this.checkEnumField(info.enumField, value);
    if (info.pattern && !info.pattern.test(value)) this.report('pattern', `must match pattern "${info.patternText}", got ${describe(value)}`);
    const length = [...value].length;
    if (typeof node.minLength === 'number' && length < node.minLength) {
      this.report('minLength', `must NOT have fewer than ${node.minLength} characters, got ${describe(value)}`);
    }
    if (typeof node.maxLength === 'number' && length > node.maxLength) {
      this.report('maxLength', `must NOT have more than ${node.maxLength} characters, got ${describe(value)}`);
    }
  }

  private checkNumber(node: SchemaNode, value: number): void {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = node;
    // OpenAPI v3.0 spells exclusive bounds as booleans beside minimum/maximum, JSON Schema as numbers.
    if (typeof minimum === 'number' && (exclusiveMinimum === true ? value <= minimum : value < minimum)) {
      this.report('minimum', `must be ${exclusiveMinimum === true ? '>' : '>='} ${minimum}, got ${describe(value)}`);
    }
    if (typeof maximum === 'number' && (exclusiveMaximum === true ? value >= maximum : value > maximum)) {
      this.report('maximum', `must be ${exclusiveMaximum === true ? '<' : '<='} ${maximum}, got ${describe(value)}`);
    }
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) {
      this.report('exclusiveMinimum', `must be > ${exclusiveMinimum}, got ${describe(value)}`);
    }
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) {
      this.report('exclusiveMaximum', `must be < ${exclusiveMaximum}, got ${describe(value)}`);
    }
    if (typeof multipleOf === 'number' && multipleOf > 0 && !Number.isInteger(value / multipleOf)) {
      this.report('multipleOf', `must be multiple of ${multipleOf}, got ${describe(value)}`);
    }
  }

  private checkArray(node: SchemaNode, info: NodeInfo, document: SchemaDocument, value: unknown[]): void {
    if (info.arrayChecks) this.checkArrayBounds(node, info, value);
    const { items } = info;
    if (!items) return;
    if (Array.isArray(items)) {
      for (let i = 0; i < value.length && i < items.length; i++) {
        if (!items[i]) continue;
        this.path.push(i);
        this.visit(items[i], document, value[i], true);
        this.path.pop();
      }
      return;
    }
    const item = info.itemChild ??= childOf(items as SchemaNode, document);
    for (let i = 0; i < value.length; i++) {
      this.path.push(i);
      this.visitNode(item.node, item.info, document, value[i], true);
      this.path.pop();
    }
  }

  private checkArrayBounds(node: SchemaNode, info: NodeInfo, value: unknown[]): void {
    const { enumField } = info;
    // A list of an enum type (accessModes, ipFamilies): each string item is a value of it.
    if (enumField) {
      value.forEach((item, i) => {
        if (typeof item !== 'string') return;
        this.path.push(i);
        this.checkEnumField(enumField, item);
        this.path.pop();
      });
    }
    if (typeof node.minItems === 'number' && value.length < node.minItems) {
      this.report('minItems', `must NOT have fewer than ${node.minItems} items, got array`);
    }
    if (typeof node.maxItems === 'number' && value.length > node.maxItems) {
      this.report('maxItems', `must NOT have more than ${node.maxItems} items, got array`);
    }
    if (node.uniqueItems === true && new Set(value.map((v) => JSON.stringify(withoutNulls(v)))).size !== value.length) {
      this.report('uniqueItems', 'must NOT have duplicate items, got array');
    }
  }

  private checkObject(node: SchemaNode, info: NodeInfo, document: SchemaDocument, value: Record<string, unknown>, structural: boolean): void {
    if (typeof node.minProperties === 'number' || typeof node.maxProperties === 'number') this.checkPropertyCount(node, value);
    const { additional } = info;
    const children = info.properties ? childrenOf(info, document) : undefined;
    const closed = additional === false ||
      (additional === undefined && structural && this.options.strict && children !== undefined && !info.preserve);
    // Fields the schema does not list matter only where they are rejected or have a schema of their own.
    const unlisted = closed || info.patternProperties !== undefined || typeof additional === 'object';
    // One pass over the fields visits each; what it finds unknown is reported before the fields' own violations.
    const first = this.violations.length;
    let unknown: string[] | undefined;
    // Own keys only (Object.keys): a polluted Object.prototype must not show up as fields of every object.
    for (const key of Object.keys(value)) {
      const field = value[key];
      // A null field is unset, as the API server reads it.
      if (field === null) continue;
      const child = children?.get(key);
      if (child) {
        this.path.push(key);
        this.visitNode(child.node, child.info, document, field, true);
        this.path.pop();
        continue;
      }
      if (!unlisted) continue;
      // A field a pattern takes is listed, even where the pattern's schema is left empty (says nothing of it).
      const byPattern = info.patternProperties?.find(([re]) => re.test(key));
      const schema = byPattern ? byPattern[1] : typeof additional === 'object' ? additional : undefined;
      if (schema) {
        this.path.push(key);
        this.visit(schema, document, field, true);
        this.path.pop();
      } else if (closed && !byPattern) {
        (unknown ??= []).push(key);
      }
    }
    let missing: string[] | undefined;
    for (const field of info.required) {
      if (!Object.prototype.hasOwnProperty.call(value, field) || value[field] === null) (missing ??= []).push(field);
    }
    if (unknown === undefined && missing === undefined) return;
    const fields = this.violations.splice(first);
    for (const field of unknown ?? []) {
      const close = closestName(field, info.propertyNames);
      this.path.push(field);
      this.report('unknown-field', `unknown field "${field}"`,
        close ? `rename "${field}" to "${close}"`
          : info.propertyNames.length > 0 ? `remove "${field}"; known fields here: ${list([...info.propertyNames].sort())}` : `remove "${field}"`);
      this.path.pop();
    }
    for (const field of missing ?? []) {
      // A misspelt required field is reported once, as the rename.
      if (unknown?.some((u) => closestName(u, info.propertyNames) === field)) continue;
      this.path.push(field);
      this.report('required', `missing required field "${field}"`, `add "${field}"`);
      this.path.pop();
    }
    for (const v of fields) this.violations.push(v);
  }

  private checkPropertyCount(node: SchemaNode, value: Record<string, unknown>): void {
    let count = 0;
    for (const key of Object.keys(value)) if (value[key] !== null) count++;
    if (typeof node.minProperties === 'number' && count < node.minProperties) {
      this.report('minProperties', `must NOT have fewer than ${node.minProperties} properties, got object`);
    }
    if (typeof node.maxProperties === 'number' && count > node.maxProperties) {
      this.report('maxProperties', `must NOT have more than ${node.maxProperties} properties, got object`);
    }
  }

  /** A value of an enum field: one of the values, empty (unset) or, where Argo substitutes it, templated. */
  private checkEnumField(field: EnumField, value: string): void {
    if (value === '' || field.values.includes(value) || (field.templated && value.includes('{{'))) return;
    // The empty string is no choice of its own: it leaves the field unset.
    const { message, fix } = enumViolation(value, field.values.filter((allowed) => allowed !== ''));
    this.report('enum', message, fix);
  }

  private report(rule: string, message: string, fix?: string, severity?: 'warning'): void {
    this.violations.push({ path: jsonPath(this.path), message, rule, ...(fix ? { fix } : {}), ...(severity ? { severity } : {}) });
  }
}

/**
 * What a node says, read on its first visit. Nodes are parsed per document and never shared between documents
 * (kfops' own shared nodes carry no enum), so facts kept in the document are read once with the node.
 */
function infoOf(node: SchemaNode, document: SchemaDocument): NodeInfo {
  // A CRD of the run may hold a malformed node (`properties: {a: "x"}`): the CRD is reported by its own schema,
  // and the node says nothing of its objects.
  if (typeof node !== 'object' || node === null) return ANY_INFO;
  let info = infos.get(node);
  if (!info) {
    info = readNode(node, document.enums?.get(node));
    infos.set(node, info);
  }
  return info;
}

/** The properties of a node that lists them, each with its info, built on the first object the node checks. */
function childrenOf(info: NodeInfo, document: SchemaDocument): NonNullable<NodeInfo['children']> {
  if (!info.children) {
    info.children = new Map();
    for (const [key, child] of Object.entries(info.properties ?? {})) info.children.set(key, childOf(child, document));
  }
  return info.children;
}

/** A property's or items' node with its info; a missing schema (`size:` left empty in a CRD) says nothing of the value. */
function childOf(node: SchemaNode | null | undefined, document: SchemaDocument): Child {
  const known = node !== null && typeof node === 'object' ? node : ANY_NODE;
  return { node: known, info: infoOf(known, document) };
}

/** The target of a node's `$ref` in the document at hand, with its info: resolved once per node and document. */
function refTarget(info: NodeInfo, document: SchemaDocument): Resolved | undefined {
  if (info.refIn !== document) {
    const target = typeof info.ref === 'function' ? info.ref(document) : info.ref;
    info.refIn = document;
    info.refTarget = target && { node: target.node, document: target.document, info: infoOf(target.node, target.document) };
  }
  return info.refTarget;
}

function readNode(node: SchemaNode, enumField: EnumField | undefined): NodeInfo {
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  let types = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : undefined;
  let anyOf = node.anyOf as SchemaNode[] | undefined;
  if (node['x-kubernetes-int-or-string'] === true) {
    types = ['integer', 'string'];
    // controller-gen pairs the extension with `anyOf: [{type: integer}, {type: string}]`; the type says it once.
    if (anyOf?.every((s) => Object.keys(s).every((k) => k === 'type'))) anyOf = undefined;
  }
  if (types && node.nullable === true) types = [...types, 'null'];
  let properties = node.properties as Record<string, SchemaNode> | undefined;
  if (node['x-kubernetes-embedded-resource'] === true && (properties || !preserve)) {
    properties = {
      apiVersion: STRING_NODE,
      kind: STRING_NODE,
      metadata: preserve ? ANY_OBJECT : OBJECT_META_NODE,
      ...(properties ?? {}),
    };
  }
  const format = typeof node.format === 'string' ? FORMATS.get(node.format) : undefined;
  const pattern = typeof node.pattern === 'string' ? compilePattern(node.pattern) : undefined;
  const additional = node.additionalProperties;
  // Kubernetes' OpenAPI wraps every reference as `allOf: [{$ref}]` (to carry a description): follow it directly.
  let allOf = node.allOf as SchemaNode[] | undefined;
  let $ref = node.$ref;
  if ($ref === undefined && allOf?.length === 1 && Object.keys(allOf[0]).length === 1 && typeof allOf[0].$ref === 'string') {
    $ref = allOf[0].$ref;
    allOf = undefined;
  }
  return {
    ref: typeof $ref === 'string' ? refResolver($ref) : undefined,
    types,
    // A malformed `type` (`[]`, `[null]`) takes no value, as a list of names that match nothing would not.
    typeMask: types ? types.reduce((mask, t) => mask | ((typeof t === 'string' ? own(TYPE_BITS, t) : undefined) ?? UNKNOWN_TYPE_BIT), 0) || UNKNOWN_TYPE_BIT : 0,
    emptyMask: Array.isArray(node[READ_AS_EMPTY]) ? (node[READ_AS_EMPTY] as string[]).reduce((mask, t) => mask | (own(TYPE_BITS, t) ?? 0), 0) : 0,
    properties,
    propertyNames: properties ? Object.keys(properties) : [],
    required: Array.isArray(node.required) ? (node.required as string[]) : [],
    additional: typeof additional === 'boolean' || (typeof additional === 'object' && additional !== null) ? (additional as SchemaNode | boolean) : undefined,
    patternProperties: node.patternProperties
      ? Object.entries(node.patternProperties as Record<string, SchemaNode>).flatMap(([p, s]) => {
        const re = compilePattern(p);
        return re ? [[re, s] as [RegExp, SchemaNode]] : [];
      })
      : undefined,
    preserve,
    allOf,
    anyOf,
    oneOf: node.oneOf as SchemaNode[] | undefined,
    not: node.not as SchemaNode | undefined,
    items: node.items as SchemaNode | SchemaNode[] | undefined,
    format,
    formatName: format ? (node.format as string) : undefined,
    pattern: pattern ?? undefined,
    patternText: pattern ? (node.pattern as string) : undefined,
    enum: Array.isArray(node.enum) ? node.enum : undefined,
    hasConst: Object.prototype.hasOwnProperty.call(node, 'const'),
    objectMeta: node[OBJECT_META] === true,
    stringChecks: pattern !== undefined && pattern !== null || node.minLength !== undefined || node.maxLength !== undefined || enumField !== undefined,
    numberChecks: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => node[k] !== undefined),
    arrayChecks: node.minItems !== undefined || node.maxItems !== undefined || node.uniqueItems === true || enumField !== undefined,
    enumField,
  };
}

/** `#/components/schemas/<name>` and `#/definitions/<name>`, resolved in the document at hand. */
function refResolver(ref: string): NodeInfo['ref'] {
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  const special = SPECIAL_DEFINITIONS.find(([suffix]) => name.endsWith(suffix));
  if (special) {
    const targets = new Map<SchemaDocument, SchemaTarget>();
    return (document) => {
      if (!targets.has(document)) targets.set(document, { node: special[1], document });
      return targets.get(document);
    };
  }
  const targets = new Map<SchemaDocument, SchemaTarget | undefined>();
  return (document) => {
    if (!targets.has(document)) {
      const node = Object.prototype.hasOwnProperty.call(document.definitions, name) ? document.definitions[name] : undefined;
      targets.set(document, node ? { node, document } : undefined);
    }
    return targets.get(document);
  };
}

/**
 * Upstream (and users' CRD) patterns are Go (RE2) expressions, matched in linear time as RE2 matches them
 * ({@link userPattern}); the few JavaScript cannot compile are skipped, not fatal.
 */
function compilePattern(pattern: string): UserPattern | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = userPattern(pattern);
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return re;
}

/** The JSON type of a value as one of {@link TYPE_BITS}; 0 for what JSON has no type for. */
function typeBit(value: unknown): number {
  switch (typeof value) {
    case 'string': return 16;
    case 'object': return value === null ? 1 : Array.isArray(value) ? 32 : 64;
    case 'number': return Number.isInteger(value) ? 4 : 8;
    case 'boolean': return 2;
    default: return 0;
  }
}

/** Whether a value of the input (`b`, its null fields unset) equals a value the schema names (`a`). */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(withoutNulls(b)));
}
