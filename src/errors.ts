/** A problem with what the user gave us: names the file and where in it, never a stack trace. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    /** `line 12, column 3`, a JSON path, or a key path. */
    readonly location?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** `plan.json:line 3: message` style, for people. */
  describe(): string {
    const where = [this.file, this.location].filter(Boolean).join(': ');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
