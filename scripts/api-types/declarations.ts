/**
 * Turns JSON Schemas (Argo Workflows' `api/jsonschema/schema.json`, CRDs' `openAPIV3Schema`) into TypeScript
 * declarations of the plain JSON objects they describe: one interface per object schema with properties, string
 * enums as unions of literals, int-or-string as `number | string`, and references to Kubernetes' own types taken
 * from the `kubernetes-types` package. The output is deterministic: declarations sorted by name.
 */

/** The part of JSON Schema / OpenAPI v3 that Kubernetes and Argo schemas use. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** What a `$ref` becomes: a declaration of this file (with the schema to declare) or a type expression. */
export type RefTarget = { readonly local: string; readonly schema: JsonSchema } | { readonly external: string };

/** How {@link DeclarationSet} names things it does not declare itself. */
export interface DeclarationOptions {
  /** Resolves a `$ref` (e.g. `#/definitions/io.argoproj.workflow.v1alpha1.Template`); throws for refs it cannot map. */
  readonly resolveRef: (ref: string) => RefTarget;
  /** Type expressions for properties by their path (`Application.metadata`), overriding the schema. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Properties left out, by path (`Application.status`). */
  readonly omit?: readonly string[];
  /**
   * Interfaces that are Kubernetes kinds, with their `apiVersion`: those two fields become required literals, as an
   * object of the kind must carry them (schemas leave them optional because the API server fills them in).
   */
  readonly kinds?: Readonly<Record<string, string>>;
}

/** Interfaces declared from schemas, each once, under names given by the caller or derived from the path. */
export class DeclarationSet {
  private readonly declared = new Map<string, string>();
  /** The schema each name stands for, queued or declared. */
  private readonly schemaOf = new Map<string, JsonSchema>();
  private readonly pending: [string, JsonSchema][] = [];

  constructor(private readonly options: DeclarationOptions) {}

  /** Declares `schema` as interface `name`, and everything it refers to. */
  declare(name: string, schema: JsonSchema): void {
    this.queue(name, schema, name);
    while (this.pending.length > 0) {
      const [next, nextSchema] = this.pending.shift()!;
      this.declared.set(next, this.declarationOf(next, nextSchema));
    }
  }

  /** The declarations, sorted by name. */
  render(): string {
    return [...this.declared.keys()].sort().map((name) => this.declared.get(name)!).join('\n\n');
  }

  /**
   * Queues `schema` for declaration as `name` unless it is queued or declared already (schemas refer to themselves:
   * Template -> DAGTemplate -> DAGTask -> Template). Two different schemas never share a name: path-derived names
   * can meet (`fooBar.baz` and `foo.barBaz`), and merging them would be wrong.
   */
  private queue(name: string, schema: JsonSchema, path: string): void {
    const known = this.schemaOf.get(name);
    if (known === schema) return;
    if (known) throw new Error(`${path}: the name ${name} is taken by another schema`);
    this.schemaOf.set(name, schema);
    this.pending.push([name, schema]);
  }

  private declarationOf(name: string, schema: JsonSchema): string {
    return Object.keys(schema.properties ?? {}).length > 0
      ? this.interfaceOf(name, schema)
      : `${doc(schema.description, '')}export type ${name} = ${this.typeOf(schema, name, name)};`;
  }

  private interfaceOf(name: string, schema: JsonSchema): string {
    const required = new Set(schema.required ?? []);
    const apiVersion = this.options.kinds?.[name];
    const literals: Record<string, string> = apiVersion === undefined ? {} : { apiVersion, kind: name };
    for (const key of Object.keys(literals)) required.add(key);
    const members: string[] = [];
    for (const key of Object.keys(schema.properties ?? {}).sort()) {
      const path = `${name}.${key}`;
      if (this.options.omit?.includes(path)) continue;
      const property = schema.properties![key];
      const type = key in literals
        ? JSON.stringify(literals[key])
        : this.options.overrides?.[path] ?? this.typeOf(property, name + pascal(key), path);
      members.push(`${doc(property.description, '  ')}  ${propertyName(key)}${required.has(key) ? '' : '?'}: ${type};`);
    }
    if (isOpen(schema.additionalProperties)) members.push('  [key: string]: unknown;');
    return `${doc(schema.description, '')}export interface ${name} {\n${members.join('\n')}\n}`;
  }

  /**
   * The type expression of `schema`; nested object schemas with properties become interfaces named `hint`.
   * @param path where the schema is, for messages
   */
  private typeOf(schema: JsonSchema, hint: string, path: string): string {
    if (schema.$ref !== undefined) {
      const target = this.options.resolveRef(schema.$ref);
      if ('external' in target) return target.external;
      this.queue(target.local, target.schema, path);
      return target.local;
    }
    if (schema['x-kubernetes-int-or-string'] || schema.format === 'int-or-string') return 'number | string';
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants && !schema.type) return union(variants.map((v, i) => this.typeOf(v, `${hint}${i + 1}`, path)));
    if (schema.enum && schema.enum.every((v) => typeof v === 'string')) return union(schema.enum.map((v) => JSON.stringify(v)));
    switch (schema.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array':
        return `${parenthesize(schema.items ? this.typeOf(schema.items, hint, `${path}[]`) : 'unknown')}[]`;
      case 'object':
      case undefined:
        if (Object.keys(schema.properties ?? {}).length > 0) {
          this.queue(hint, schema, path);
          return hint;
        }
        if (typeof schema.additionalProperties === 'object') {
          return `{ [key: string]: ${this.typeOf(schema.additionalProperties, `${hint}Value`, `${path}{}`)} }`;
        }
        return schema.type === 'object' || isOpen(schema.additionalProperties) || schema['x-kubernetes-preserve-unknown-fields']
          ? '{ [key: string]: unknown }'
          : 'unknown';
      default:
        throw new Error(`${path}: unsupported schema type ${JSON.stringify(schema.type)}`);
    }
  }
}

function isOpen(additional: boolean | JsonSchema | undefined): boolean {
  return additional === true;
}

function union(types: readonly string[]): string {
  return [...new Set(types)].join(' | ');
}

function parenthesize(type: string): string {
  return /[|&]/.test(type) && !type.startsWith('{') ? `(${type})` : type;
}

/** `syncPolicy` -> `SyncPolicy`, `x-kubernetes-foo` -> `XKubernetesFoo`. */
export function pascal(key: string): string {
  return key.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/** A TSDoc comment of an upstream description, indented; '' without one. */
function doc(description: string | undefined, indent: string): string {
  const text = description?.trim();
  if (!text) return '';
  const lines = text.replace(/\*\//g, '*\\/').split('\n').map((l) => l.trimEnd());
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}
