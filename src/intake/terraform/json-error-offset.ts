/**
 * Offset of the first JSON syntax error in a text JSON.parse rejected. V8 does not always
 * say where (`Unexpected token 'x', "..." is not valid JSON`), so this scans for it.
 * Iterative: deep nesting cannot overflow the stack.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stack: ('{' | '[')[] = [];
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  // Returns false at an invalid value.
  const scalar = (): boolean => {
    const c = text[i];
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!number) return false;
    i += number[0].length;
    return true;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };

  ws();
  // Expecting a value at the top of the loop; after it, a separator or a closer.
  for (;;) {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else {
        if (c === '{' && !keyAndColon()) return i;
        continue;
      }
    } else if (!scalar()) {
      return i;
    }
    // after a value
    for (;;) {
      ws();
      if (stack.length === 0) return i < text.length ? i : text.length;
      const top = stack[stack.length - 1];
      const d = text[i];
      if (d === ',') {
        i++;
        ws();
        if (top === '{' && !keyAndColon()) return i;
        break;
      }
      if ((top === '{' && d === '}') || (top === '[' && d === ']')) {
        stack.pop();
        i++;
        continue;
      }
      return i;
    }
  }

  function keyAndColon(): boolean {
    ws();
    if (text[i] !== '"' || !string()) return false;
    ws();
    if (text[i] !== ':') return false;
    i++;
    return true;
  }
}
