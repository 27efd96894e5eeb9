export * from './literal-renderer';
export * from './tf-job';
export * from './tf-job-definition';
export * from './tf-job-policies';
export * from './tf-job-step';
