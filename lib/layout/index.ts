export * from './output-files';
export * from './state-dir';
export * from './cdk8s-config';
