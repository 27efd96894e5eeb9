export * from './literal-renderer';
export * from './resource-requirements';
export * from './tf-job';
export * from './tf-job-definition';
export * from './tf-job-policies';
export * from './tf-job-step';
