// placeholder
import { newProgram, type Program } from '../ir.js';
import type { CodeLanguage } from '../languages.js';
export function readSmall(language: CodeLanguage, _text: string, file?: string): Program {
  const p = newProgram(language, file);
  p.problems.push({ why: `${language} code is not read yet`, loc: { line: 1, text: '' } });
  return p;
}
