import { newProgram, type Program } from '../ir.js';
export async function readPhp(_text: string, file?: string): Promise<Program> {
  const p = newProgram('php', file);
  p.problems.push({ why: 'php code is not read yet', loc: { line: 1, text: '' } });
  return p;
}
