import type { Library } from '../evaluate.js';
import type { CodeLanguage } from '../languages.js';
export function smallLibrary(_language: CodeLanguage): Library {
  return { global: (name) => ({ t: 'path', path: name }), call: () => ({ t: 'unknown' }) };
}
