export * from './tf-serving';
export * from './tf-serving-endpoint';
export * from './tf-serving-options';
export * from './tf-serving-step';
