export * from './types.js';
export * from './document.js';
