// Moved to the base module lib/k8s-spec/name-rules.ts (the DSL checks names with the same rules).
export * from '../../../k8s-spec/name-rules';
