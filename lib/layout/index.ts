export * from './output-files';
export * from './state-dir';
