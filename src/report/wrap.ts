// Wrapping prose to the terminal: at spaces only, a word longer than the line stays whole.

/** Lines of at most `width` columns (unset or too narrow: the text as one line). */
export function wrapText(text: string, width: number | undefined): string[] {
  if (!width || width < 20 || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** Columns to wrap at: the terminal's, else $COLUMNS, else none (a pipe or a CI log keeps long lines). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}
