import type { Library } from '../evaluate.js';
export const rubyLibrary: Library = { global: (name) => ({ t: 'path', path: name }), call: () => ({ t: 'unknown' }) };
