import { readFileSync } from 'node:fs';

/** The npm package Firebreak is published as (the command it installs is `firebreak`). */
export const PACKAGE_NAME = '@firebreak-dev/firebreak';

/** The package version, read once from the package.json two levels up (src/, dist/ and dist/bundle/ all sit there). */
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      // not this level
    }
  }
  return '0.0.0-unknown';
}

export const VERSION: string = readVersion();
