import type Ajv from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';

// https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go (the grammar in its doc
// comment); the same expression @kubernetes-models/validate compiles its `quantity` format from.
const SIGNED_NUMBER = '[+-]?(?:\\d+|\\d+\\.\\d+|\\d+\\.|\\.\\d+)';
const QUANTITY = new RegExp(`^${SIGNED_NUMBER}(?:[KMGTPE]i|[YZEPTGMkhdcmunpfazy]|da|[eE]${SIGNED_NUMBER})?$`);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Formats the kubernetes-models validators and CRD schemas use, by name. */
const KUBERNETES_FORMATS = {
  quantity: { type: 'string', validate: QUANTITY },
  byte: { type: 'string', validate: (value: string) => BASE64.test(value) },
  'int-or-string': true,
} as const;

/** Format names that {@link addKubernetesFormats} teaches ajv; CRD formats outside it are ignored like the API server does. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([...Object.keys(fullFormats), ...Object.keys(KUBERNETES_FORMATS)]);

/** Registers the JSON Schema formats (ajv-formats) plus Kubernetes' `quantity` and `byte` on an ajv instance. */
export function addKubernetesFormats(ajv: Ajv): void {
  for (const [name, format] of Object.entries({ ...fullFormats, ...KUBERNETES_FORMATS })) {
    ajv.addFormat(name, format as Parameters<Ajv['addFormat']>[1]);
  }
}
