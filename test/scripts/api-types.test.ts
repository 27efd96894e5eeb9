import { DeclarationSet, JsonSchema, RefTarget } from '../../scripts/api-types/declarations';

const noRefs = (ref: string): RefTarget => { throw new Error(`unexpected ${ref}`); };

function declare(name: string, schema: JsonSchema, options: Partial<ConstructorParameters<typeof DeclarationSet>[0]> = {}): string {
  const set = new DeclarationSet({ resolveRef: noRefs, ...options });
  set.declare(name, schema);
  return set.render();
}

describe('DeclarationSet (scripts/generate-api-types.ts)', () => {
  test('object schemas become interfaces: required fields, descriptions, quoted keys, sorted members', () => {
    expect(declare('Thing', {
      type: 'object',
      description: 'A thing.',
      required: ['name'],
      properties: {
        name: { type: 'string', description: 'Its name.' },
        'app.kubernetes.io/part-of': { type: 'string' },
        count: { type: 'integer' },
        ready: { type: 'boolean' },
      },
    })).toBe([
      '/** A thing. */',
      'export interface Thing {',
      '  "app.kubernetes.io/part-of"?: string;',
      '  count?: number;',
      '  /** Its name. */',
      '  name: string;',
      '  ready?: boolean;',
      '}',
    ].join('\n'));
  });

  test.each<[string, JsonSchema, string]>([
    ['string enums', { enum: ['Always', 'Never'] }, '"Always" | "Never"'],
    ['int-or-string (CRD extension)', { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }, 'number | string'],
    ['int-or-string (format)', { type: 'string', format: 'int-or-string' }, 'number | string'],
    ['arrays of unions', { type: 'array', items: { enum: ['a', 'b'] } }, '("a" | "b")[]'],
    ['maps', { type: 'object', additionalProperties: { type: 'string' } }, '{ [key: string]: string }'],
    ['free-form objects', { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, '{ [key: string]: unknown }'],
    ['schemas that say nothing', {}, 'unknown'],
  ])('%s', (_what, schema, type) => {
    expect(declare('Holder', { properties: { field: schema } })).toContain(`  field?: ${type};`);
  });

  test('nested objects are named by their path; references are followed once, cycles included', () => {
    const definitions: Record<string, JsonSchema> = {
      Template: { properties: { dag: { $ref: '#/Dag' }, metadata: { properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } } } } },
      Dag: { properties: { tasks: { type: 'array', items: { $ref: '#/Task' } } } },
      Task: { properties: { inline: { $ref: '#/Template' }, env: { $ref: '#/k8s/EnvVar' } } },
    };
    const set = new DeclarationSet({
      resolveRef: (ref) => (ref.startsWith('#/k8s/')
        ? { external: `core.${ref.slice('#/k8s/'.length)}` }
        : { local: ref.slice(2), schema: definitions[ref.slice(2)] }),
    });
    set.declare('Template', definitions.Template);
    const text = set.render();
    expect(text.match(/^export interface \w+/gm)).toEqual([
      'export interface Dag', 'export interface Task', 'export interface Template', 'export interface TemplateMetadata',
    ]);
    expect(text).toContain('  tasks?: Task[];');
    expect(text).toContain('  inline?: Template;');
    expect(text).toContain('  env?: core.EnvVar;');
    expect(text).toContain('  metadata?: TemplateMetadata;');
  });

  test('kinds carry their apiVersion and kind as required literals; overrides and omissions by path', () => {
    const text = declare('Application', {
      properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, status: { properties: { x: { type: 'string' } } } },
    }, { kinds: { Application: 'argoproj.io/v1alpha1' }, overrides: { 'Application.metadata': 'meta.ObjectMeta' }, omit: ['Application.status'] });
    expect(text).toBe([
      'export interface Application {',
      '  apiVersion: "argoproj.io/v1alpha1";',
      '  kind: "Application";',
      '  metadata?: meta.ObjectMeta;',
      '}',
    ].join('\n'));
  });

  test('two different schemas never share a name', () => {
    expect(() => declare('A', { properties: { bC: { properties: { x: { type: 'string' } } }, b: { properties: { c: { properties: { y: { type: 'string' } } } } } } }))
      .toThrow('the name ABC is taken by another schema');
  });

  test('a schema type it does not know is an error, not a guess', () => {
    expect(() => declare('A', { properties: { f: { type: 'null' } } })).toThrow('A.f: unsupported schema type "null"');
  });
});
