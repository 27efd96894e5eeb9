export * from './cmle-deploy';
export * from './cmle-version-name';
export * from './gcp-credentials';
export * from './kfp-component';
export * from './kfp-component-step';
export * from './run-dir';
export * from './tfma-analysis';
export * from './tft-preprocess';
