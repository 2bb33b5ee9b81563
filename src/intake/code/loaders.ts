// Interpreter name -> recogniser that reads the code it runs (inline, piped, or a script file).
import type { RecogniserLoader } from '../shell/command.js';

export const CODE_LOADERS: Readonly<Record<string, RecogniserLoader>> = {};
