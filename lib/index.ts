export * from './argo';
export * from './components';
export * from './dsl';
export * from './gitops';
export * from './serving';
export * from './synth/kfops-app';
export * from './training';
export * from './user-error';
