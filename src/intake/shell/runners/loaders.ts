// Task runners, package-script runners and container runners -> recognisers that follow them to
// the commands they run (Makefile recipes, package.json scripts, `docker run IMAGE CMD`).
import type { RecogniserLoader } from '../command.js';

export const RUNNER_LOADERS: Readonly<Record<string, RecogniserLoader>> = {};
