// Progress for slow steps: a spinner line on a TTY, plain timestamped lines otherwise.

export interface Progress {
  step(line: string): void;
  done(line?: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { step() {}, done() {} };
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  if (!stream.isTTY) {
    return {
      step: (line) => stream.write(`[sandbox ${elapsed()}] ${line}\n`),
      done: (line) => line && stream.write(`[sandbox ${elapsed()}] ${line}\n`),
    };
  }
  let current = '';
  let frame = 0;
  const timer = setInterval(() => render(), 100);
  timer.unref();
  const render = () => {
    const width = stream.columns ?? 100;
    stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${`${current} (${elapsed()})`.slice(0, width - 3)}`);
  };
  return {
    step(line) {
      current = line;
      render();
    },
    done(line) {
      clearInterval(timer);
      stream.write(`\r\x1b[2K${line ? `✔ ${line} (${elapsed()})\n` : ''}`);
    },
  };
}
