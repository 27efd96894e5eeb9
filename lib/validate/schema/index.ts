export type { SchemaViolation } from './schema-violation';
export { SchemaRegistry } from './schema-registry';
export type { SchemaRegistryOptions } from './schema-registry';
