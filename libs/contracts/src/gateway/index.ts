export * from './error-codes';
export * from './limits';
export * from './views';
export * from './frames';
export * from './attachment-upload';
export * from './board';
