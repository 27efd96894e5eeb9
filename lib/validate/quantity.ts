// Moved to the base module lib/k8s-spec/quantity.ts (the DSL checks quantities with the same parser).
export { isQuantity, quantityValue } from '../k8s-spec/quantity';
