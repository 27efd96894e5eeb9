export * from './cmle-deploy';
export * from './gcp-credentials';
export * from './run-dir';
export * from './tfma-analysis';
export * from './tft-preprocess';
