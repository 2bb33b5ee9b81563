// Splits one simple command into words the way a POSIX shell would for quotes and escapes,
// and refuses anything that would need a shell to evaluate (expansions, pipes, redirections).
// The words are then run with execFile: no shell ever sees them.

export class NotReplayable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotReplayable';
  }
}

export function splitShellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new NotReplayable('unterminated single quote');
      word += command.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      i++;
      for (; i < command.length && command[i] !== '"'; i++) {
        const d = command[i];
        if (d === '\\' && i + 1 < command.length && '"\\$`\n'.includes(command[i + 1])) {
          word += command[++i];
        } else if (d === '$' || d === '`') {
          throw new NotReplayable('contains a shell expansion inside double quotes; replay runs commands exactly as written, without a shell');
        } else word += d;
      }
      if (i >= command.length) throw new NotReplayable('unterminated double quote');
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < command.length && command[i + 1] !== '\n') word += command[i + 1];
      i++;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('|&;<>()$`*?[]{}~'.includes(c) && !(c === '~' && inWord) && !('*?[]{}'.includes(c) && inWord && /[=:/]/.test(word))) {
      throw new NotReplayable(`contains shell syntax (${c}); only a single AWS CLI invocation without expansions is replayed`);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
