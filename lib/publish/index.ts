export * from './change-summary';
export * from './commit-message';
export * from './deploy-clone';
export * from './mirror';
export * from './publish';
export * from './redact';
export * from './retry';
export * from './source-commit';
