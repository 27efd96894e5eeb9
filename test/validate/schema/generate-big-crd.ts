import * as fs from 'fs';
import * as path from 'path';

type Schema = Record<string, unknown>;

const definitions = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../lib/validate/schema/generated/definitions.json'), 'utf8'),
) as Record<string, Schema>;

/**
 * A CRD shaped like controller-gen output for an operator that embeds a full PodTemplateSpec (as the Kubeflow
 * training operator's CRDs do): every $ref inlined, IntOrString and Quantity as `x-kubernetes-int-or-string`,
 * list/map extensions, and a description on every field, so `kubectl get crd -o yaml` would print 8,000+ lines.
 */
export function bigCrd(group: string): Schema {
  const replicaSpec = {
    type: 'object',
    properties: {
      replicas: { type: 'integer', format: 'int32', description: describe('replicas') },
      template: inline({ $ref: 'IoK8sApiCoreV1PodTemplateSpec' }, 0),
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `trainingjobs.${group}`, annotations: { 'controller-gen.kubebuilder.io/version': 'v0.14.0' } },
    spec: {
      group,
      names: { kind: 'TrainingJob', listKind: 'TrainingJobList', plural: 'trainingjobs', singular: 'trainingjob' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: describe('TrainingJob'),
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  type: 'object',
                  required: ['replicaSpecs'],
                  properties: {
                    replicaSpecs: { type: 'object', additionalProperties: replicaSpec },
                    runPolicy: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  },
                },
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };
}

function inline(schema: Schema, depth: number): Schema {
  if (typeof schema.$ref === 'string') {
    const key = schema.$ref;
    if (key.endsWith('IntOrString')) return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    if (key.endsWith('Quantity')) {
      return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$' };
    }
    if (depth > 12) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    return inline(definitions[key], depth + 1);
  }
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'additionalProperties' && value === false) continue;
    if (keyword === 'properties') {
      const properties: Record<string, Schema> = {};
      for (const [name, child] of Object.entries(value as Record<string, Schema>)) {
        properties[name] = { description: describe(name), ...inline(child, depth) };
      }
      out.properties = properties;
    } else if (keyword === 'items' || (keyword === 'additionalProperties' && typeof value === 'object')) {
      out[keyword] = inline(value as Schema, depth);
    } else if (keyword === 'type' && Array.isArray(value)) {
      out.type = value[0];
    } else {
      out[keyword] = value;
    }
  }
  if (out.type === 'array') out['x-kubernetes-list-type'] = 'atomic';
  if (out.type === 'object' && out.properties === undefined && out.additionalProperties === undefined) {
    out['x-kubernetes-preserve-unknown-fields'] = true;
  }
  return out;
}

function describe(name: string): string {
  return `${name} is described here the way controller-gen copies Go doc comments into the CRD: a sentence or two.\nMore info: https://kubernetes.io/docs/`;
}
