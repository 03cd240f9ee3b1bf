export * from './exceptions.js';
