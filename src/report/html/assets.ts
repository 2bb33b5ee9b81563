// The browser bundles inlined into the report, read from the installed packages at render time
// so the page works offline from file:// with nothing fetched.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let cached: { graphology: string; sigma: string } | undefined;

export function browserBundles(): { graphology: string; sigma: string } {
  cached ??= {
    graphology: readFileSync(join(packageDir('graphology'), 'dist', 'graphology.umd.min.js'), 'utf8'),
    sigma: readFileSync(join(packageDir('sigma'), 'dist', 'sigma.min.js'), 'utf8'),
  };
  return cached;
}

function packageDir(name: string): string {
  // Resolve the package's main entry, then climb to the folder holding its package.json.
  let dir = dirname(require.resolve(name));
  while (!dir.endsWith(`/node_modules/${name}`) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
