import type Ajv from 'ajv';
import { _ } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';

// https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go (the grammar in its doc
// comment); the same expression @kubernetes-models/validate compiles its `quantity` format from.
const SIGNED_NUMBER = '[+-]?(?:\\d+|\\d+\\.\\d+|\\d+\\.|\\.\\d+)';
const QUANTITY = `^${SIGNED_NUMBER}(?:[KMGTPE]i|[YZEPTGMkhdcmunpfazy]|da|[eE]${SIGNED_NUMBER})?$`;
const BASE64 = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';

/** Formats beyond ajv-formats that the kubernetes-models validators and CRD schemas use. */
const KUBERNETES_FORMATS = {
  quantity: { type: 'string', validate: new RegExp(QUANTITY) },
  byte: { type: 'string', validate: new RegExp(BASE64) },
} as const;

/**
 * Formats kfops checks in CRD schemas: those whose meaning in ajv matches the API server's or the Go types'
 * (ranges of int32/int64 fields break at run time when unmarshalled). Others are skipped rather than risk a false
 * alarm: `duration` is a Go duration there but ISO 8601 in ajv, `uri` accepts bare paths there, and the API
 * server ignores formats it does not know.
 */
export const CRD_FORMATS: ReadonlySet<string> = new Set([
  'int32', 'int64', 'float', 'double', 'byte', 'date', 'date-time', 'ipv4', 'ipv6', 'uuid', 'quantity',
]);

/**
 * The same formats as code, for validators that ajv writes out as standalone modules (the on-disk cache): ajv
 * embeds this expression where the compiled code looks formats up.
 */
export const FORMATS_CODE = _`Object.assign({}, require("ajv-formats/dist/formats").fullFormats, {
  quantity: { type: "string", validate: new RegExp(${QUANTITY}) },
  byte: { type: "string", validate: new RegExp(${BASE64}) },
})`;

/** Registers the JSON Schema formats (ajv-formats) plus Kubernetes' `quantity` and `byte` on an ajv instance. */
export function addKubernetesFormats(ajv: Ajv): void {
  for (const [name, format] of Object.entries({ ...fullFormats, ...KUBERNETES_FORMATS })) {
    ajv.addFormat(name, format as Parameters<Ajv['addFormat']>[1]);
  }
}
