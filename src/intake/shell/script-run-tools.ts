// The build tools whose `run` may be given one file of an unread language (script-runs.ts), named here so
// that the walk tests a command's name without loading the table (knowledge/code/interpreters.ts
// TOOLCHAIN_SCRIPT_RUNS; a test checks they agree).
export const SCRIPT_RUN_TOOLS: ReadonlySet<string> = new Set(['mix', 'dart', 'dotnet', 'cargo']);
