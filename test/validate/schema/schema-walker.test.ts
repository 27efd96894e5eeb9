import { checkAgainstSchema } from '../../../lib/validate/schema/schema-walker';
import { SchemaNode } from '../../../lib/validate/schema/schema-node';

/** The rule and path of each violation of `value` against a schema of its own. */
function walk(node: SchemaNode, value: unknown, strict = true): string[] {
  return checkAgainstSchema({ node, document: { definitions: {} } }, value, { strict }).map((v) => `${v.rule} ${v.path}`);
}

describe('checkAgainstSchema, the fields of an object', () => {
  const closed: SchemaNode = {
    type: 'object', required: ['r'], additionalProperties: false,
    properties: { a: { type: 'string' }, r: { type: 'string' } },
    patternProperties: { '^x-': { type: 'integer' } },
  };

  test('its unknown fields, then its missing required ones, then each field\'s own, in the object\'s key order', () => {
    // Listed, pattern and unknown fields interleaved: the object's own findings still come first.
    expect(walk(closed, { 'x-1': 'one', a: 1, zz: true, 'x-2': 2 })).toEqual([
      'unknown-field zz', 'required r', 'type x-1', 'type a',
    ]);
  });

  test('a field an additionalProperties schema takes is checked in its place among the others', () => {
    const open: SchemaNode = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' }, required: ['r'] };
    expect(walk(open, { b: 'x', a: 1, c: 2 })).toEqual(['required r', 'type b', 'type a']);
  });

  test('a field a pattern takes is listed even where the pattern\'s schema is left empty', () => {
    // A CRD may leave a schema empty (`"^x-":` with no value): it says nothing of the field, which is no unknown one.
    const emptyPattern: SchemaNode = { type: 'object', properties: { b: {} }, additionalProperties: { type: 'string' }, patternProperties: { '^a': null as unknown as SchemaNode } };
    expect(walk(emptyPattern, { ab: 1 })).toEqual([]);
    expect(walk({ type: 'object', additionalProperties: false, patternProperties: { '^a': false as unknown as SchemaNode } }, { ab: 1 }, false)).toEqual([]);
    expect(walk({ type: 'object', properties: { b: {} }, patternProperties: { '^a': null as unknown as SchemaNode } }, { ab: 1, c: 1 })).toEqual(['unknown-field c']);
  });

  test('null fields are unset, and min/maxProperties count only the set ones', () => {
    expect(walk({ ...closed, minProperties: 2 }, { r: 'x', a: null, zz: null })).toEqual(['minProperties ']);
    expect(walk({ type: 'object', maxProperties: 1 }, { a: 1, b: null })).toEqual([]);
  });

  test('only the object\'s own fields are fields: a polluted Object.prototype adds none', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'x';
    try {
      expect(walk(closed, { r: 'x' })).toEqual([]);
    } finally {
      delete proto.polluted;
    }
  });
});
