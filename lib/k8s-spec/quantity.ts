/**
 * Kubernetes resource quantities as users write them: `500m`, `2`, `0.5`, `4Gi`, `512M`, `1e3`.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

/** True when `text` is a Kubernetes quantity. */
export function isQuantity(text: string): boolean {
  return QUANTITY.test(text);
}
