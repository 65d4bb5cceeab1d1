export * from './types.js';
export * from './document.js';
export * from './lookup.js';
