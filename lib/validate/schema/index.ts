export type { SchemaViolation } from './schema-violation';
export { SchemaRegistry } from './schema-registry';
export type { SchemaRegistryOptions } from './schema-registry';
export type { GivenSchemaVersions } from './schema-versions';
export { SchemaProject, UPSTREAM_PROJECTS } from './upstream-versions';
export type { SchemaVersions } from './upstream-versions';
