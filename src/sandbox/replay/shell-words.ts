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

/** Output redirections: `>`, `>>`, `N>`, `N>>`, `&>`, `&>>` and a target word, or `N>&M` / `>&M`. */
const REDIRECTION = /^(\d*|&)(>>?)(&\d+|-)?$/;

/**
 * Splits a command for replay: output redirections (`>> /tmp/x.log 2>&1`, `> /dev/null`) are
 * taken out and returned as `ignored`. Replay runs the command without a shell, so nothing is ever
 * written to the host; the rest of the command must still be a single simple command.
 */
export function splitReplayCommand(command: string): { words: string[]; ignored: string[] } {
  const ignored: string[] = [];
  const kept: string[] = [];
  // Tokenise with the redirection operators separated from their words, outside quotes only.
  const parts = tokenizeRedirections(command);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.operator) {
      const m = REDIRECTION.exec(part.text);
      if (!m) throw new NotReplayable(`contains shell syntax (${part.text}); only output redirections are set aside`);
      if (m[3]) {
        ignored.push(part.text);
        continue;
      }
      const target = parts[i + 1];
      if (!target || target.operator || /^[(<]/.test(target.text)) throw new NotReplayable(`redirection ${part.text} without a file`);
      // A target the shell would expand runs code or depends on the environment: not "just output".
      if (/[$`*?[{~]/.test(target.text)) throw new NotReplayable(`redirection to ${target.text} needs a shell to expand it`);
      ignored.push(`${part.text} ${target.text}`);
      i++;
      continue;
    }
    kept.push(part.text);
  }
  return { words: splitShellWords(kept.join(' ')), ignored };
}

/** Splits on unquoted whitespace, and cuts unquoted `[N|&]>[>][&M]` operators into their own parts. */
function tokenizeRedirections(command: string): { text: string; operator: boolean }[] {
  const out: { text: string; operator: boolean }[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  const flush = () => {
    if (word) out.push({ text: word, operator: false });
    word = '';
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      word += c;
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word += c;
    } else if (c === '\\' && i + 1 < command.length) {
      word += c + command[++i];
    } else if (/\s/.test(c)) {
      flush();
    } else if (c === '>' || (c === '&' && command[i + 1] === '>')) {
      // A file descriptor number written right before the operator belongs to it (`2>`).
      let op = '';
      if (/^\d+$/.test(word)) {
        op = word;
        word = '';
      }
      flush();
      if (c === '&') op += command[i++];
      op += '>';
      if (command[i + 1] === '>') op += command[++i];
      if (command[i + 1] === '&') {
        op += command[++i];
        while (/\d|-/.test(command[i + 1] ?? '')) op += command[++i];
      }
      out.push({ text: op, operator: true });
    } else {
      word += c;
    }
  }
  flush();
  return out;
}
