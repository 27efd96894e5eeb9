export * from './components';
export * from './dsl';
export * from './synth/kfops-app';
export * from './user-error';
