export { sessionKey } from './keys.js';
