import { InputError } from '../errors.js';

/** A CI setup problem (missing revision, not a git repository): exit 3 with what to do next. */
export class CiError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'CiError';
  }
}
