// Paths inside a working copy that tools regenerate: deleting them loses nothing a build,
// an install or a test run does not bring back.
export const REGENERABLE_DIRECTORIES: readonly string[] = [
  'node_modules', 'dist', 'build', 'out', 'target', 'coverage', '.cache', '.parcel-cache', '.next', '.nuxt',
  '.turbo', '.svelte-kit', '.vite', '.pytest_cache', '__pycache__', '.mypy_cache', '.ruff_cache', '.tox',
  '.gradle', '.terraform', 'tmp', '.tmp', '.venv', 'venv', 'bin/Debug', 'bin/Release', 'obj',
];

/** The environment name given to paths inside the working directory. */
export const WORKSPACE_ENVIRONMENT = 'workspace';
