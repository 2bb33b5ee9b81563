import type { Library } from '../evaluate.js';
export const phpLibrary: Library = { global: (name) => ({ t: 'path', path: name }), call: () => ({ t: 'unknown' }) };
