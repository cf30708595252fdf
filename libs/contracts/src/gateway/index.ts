export * from './error-codes';
export * from './views';
export * from './frames';
