export * from './params-check';
export * from './params-reader';
