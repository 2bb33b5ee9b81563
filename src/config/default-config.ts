import type { Config } from './config.js';

/** No firebreak.yaml: no environment is known, so every target resolves to production (assumed). */
export function defaultConfig(): Config {
  return {
    version: 1,
    environments: {},
    freezes: [],
    world: { terraformState: [], templates: {}, inventory: [] },
    agent: { autonomy: 'supervised' },
  };
}
