export * from './guard';
export * from './props-guard';
