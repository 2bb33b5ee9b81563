// Task runners, package-script runners and container runners -> recognisers that follow them to
// the commands they run (Makefile recipes, package.json scripts, `docker run IMAGE CMD`), and
// commands that run command strings (`trap`, `parallel`, `vim -c ':!cmd'`).
import type { RecogniserLoader } from '../command.js';

const make: RecogniserLoader = async () => (await import('./make/make.js')).make;
const scripts = (name: 'npm' | 'yarn' | 'pnpm' | 'bun'): RecogniserLoader => async () => (await import('./node/package-scripts.js'))[name];
const fetched = (name: 'npx' | 'bunx' | 'uvx'): RecogniserLoader => async () => (await import('./node/fetch.js'))[name];
const containers = (name: 'docker' | 'dockerCompose'): RecogniserLoader => async () => (await import('./containers.js'))[name];
const strings = (name: 'trap' | 'parallel' | 'hyperfine' | 'concurrently' | 'runAll' | 'vim' | 'emacs'): RecogniserLoader => async () => (await import('./command-strings.js'))[name];
const monorepo = (name: 'turbo' | 'lerna'): RecogniserLoader => async () => (await import('./node/monorepo.js'))[name];
const nx: RecogniserLoader = async () => (await import('./node/nx.js')).nx;
const just: RecogniserLoader = async () => (await import('./just.js')).just;
const task: RecogniserLoader = async () => (await import('./taskfile.js')).task;
const ruby = (name: 'rake' | 'rails'): RecogniserLoader => async () => (await import('./ruby-tasks.js'))[name];
const manage: RecogniserLoader = async () => (await import('./django.js')).manage;
const go: RecogniserLoader = async () => (await import('./go.js')).go;
const nox: RecogniserLoader = async () => (await import('./nox.js')).nox;
const cargo: RecogniserLoader = async () => (await import('./cargo.js')).cargo;
const migrationTool: RecogniserLoader = async () => (await import('./migration-tools.js')).migrationTool;
const codeTasks: RecogniserLoader = async () => (await import('./code-tasks.js')).codeTasks;

export const RUNNER_LOADERS: Readonly<Record<string, RecogniserLoader>> = {
  make, gmake: make,
  npm: scripts('npm'), yarn: scripts('yarn'), pnpm: scripts('pnpm'), bun: scripts('bun'),
  turbo: monorepo('turbo'), lerna: monorepo('lerna'), nx,
  npx: fetched('npx'), bunx: fetched('bunx'), uvx: fetched('uvx'), pipx: fetched('uvx'),
  docker: containers('docker'), podman: containers('docker'), nerdctl: containers('docker'),
  'docker-compose': containers('dockerCompose'), 'podman-compose': containers('dockerCompose'),
  just, task, 'go-task': task,
  rake: ruby('rake'), rails: ruby('rails'),
  'manage.py': manage, 'django-admin': manage, 'django-admin.py': manage,
  go, cargo,
  nox,
  mix: migrationTool, goose: migrationTool,
  // Task runners whose task file is code (knowledge/task-files.ts); nox has its own reader (nox.ts).
  invoke: codeTasks, inv: codeTasks, fab: codeTasks, doit: codeTasks, gulp: codeTasks, grunt: codeTasks, jake: codeTasks, cake: codeTasks, brunch: codeTasks,
  trap: strings('trap'), parallel: strings('parallel'), hyperfine: strings('hyperfine'), concurrently: strings('concurrently'),
  'npm-run-all': strings('runAll'), 'npm-run-all2': strings('runAll'), 'run-s': strings('runAll'), 'run-p': strings('runAll'),
  vim: strings('vim'), vi: strings('vim'), nvim: strings('vim'), view: strings('vim'), ex: strings('vim'), gvim: strings('vim'), vimdiff: strings('vim'),
  emacs: strings('emacs'), ed: strings('vim'), red: strings('vim'),
};
