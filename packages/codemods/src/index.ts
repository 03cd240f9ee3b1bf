export { transforms, type TransformInfo } from './registry.js';
