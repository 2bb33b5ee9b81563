// just, task (go-task), rake and rails, Django's manage.py: followed to what their tasks run.
import { describe, expect, it } from 'vitest';
import { parseRakefile } from '../../src/intake/shell/runners/ruby-tasks.js';
import { join } from 'node:path';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { actionsIn, evidenceOf, summaryIn, verdictIn, workspace } from './helpers.js';

const JUSTFILE = `set dotenv-load
env := "prod"
bucket := env + "-assets"
version := \`git describe --tags --always\`

default: build

build:
    cargo build --release

test: build
    cargo test

# wipe everything
teardown target=env: build
    @echo "tearing down {{target}}"
    terraform -chdir=infra destroy -auto-approve -var env={{target}}
    -aws s3 rb s3://{{bucket}} --force

alias td := teardown

deploy: build && notify
    kubectl apply -f k8s/

notify:
    curl -fsS -X POST https://hooks.example.com/deployed
`;

describe('just', () => {
  it.each(['just', 'just build', 'just test', 'just --list', 'just -l', 'just --summary'])('%s passes', async (cmd) => {
    const { verdict, why } = await verdictIn({ justfile: JUSTFILE, 'Cargo.toml': '[package]\nname = "x"\n' }, cmd);
    expect(verdict, why).toBe('pass');
  });

  it('a recipe is judged by its lines, with parameters, variables and dependencies', async () => {
    const a = await actionsIn({ justfile: JUSTFILE }, 'just teardown');
    expect(a.map((x) => `${x.operation} ${x.tool} ${x.target.id}`)).toEqual(['delete terraform default', 'delete aws prod-assets']);
    expect(evidenceOf(a[0])).toMatch(/justfile:17 \(recipe teardown\)/);
    expect(a[0].source.command).toContain('-var env=prod');
  });

  it('arguments fill parameters; aliases and modules resolve', async () => {
    const [a] = await actionsIn({ justfile: JUSTFILE }, 'just td staging');
    expect(a.source.command).toContain('env=staging');
  });

  it('&& dependencies run after the recipe', async () => {
    const s = await summaryIn({ justfile: JUSTFILE }, 'just deploy');
    expect(s[0]).toMatch(/^update kubectl/);
  });

  it('backticks run while just reads the file', async () => {
    const s = await summaryIn({ justfile: 'x := `kubectl delete ns prod`\nok:\n    echo ok\n' }, 'just ok');
    expect(s).toEqual(['delete kubectl k8s:namespace prod']);
  });

  it('a shebang recipe in shell is walked; in another language it goes to that language', async () => {
    expect(await summaryIn({ justfile: 'wipe:\n    #!/usr/bin/env bash\n    set -euo pipefail\n    rm -rf /var/backups\n' }, 'just wipe')).toEqual(['delete rm fs:path /var/backups']);
  });

  it('set shell to another interpreter runs lines with it', async () => {
    const a = await actionsIn({ justfile: 'set shell := ["bash", "-uc"]\ngo:\n    dropdb app\n' }, 'just go');
    expect(a.map((x) => x.operation)).toEqual(['delete']);
  });

  it('no justfile: nothing runs; a missing recipe is unknown', async () => {
    expect(await actionsIn({}, 'just build')).toEqual([]);
    expect(evidenceOf((await actionsIn({ justfile: JUSTFILE }, 'just nope'))[0])).toMatch(/no recipe nope/);
  });
});

const TASKFILE = `version: '3'
vars:
  BUCKET: prod-assets
  SHA:
    sh: git rev-parse HEAD
tasks:
  default:
    cmds:
      - task: build
  build:
    cmds:
      - go build ./...
  test:
    deps: [build]
    cmds:
      - go test ./...
  clean:
    cmds:
      - aws s3 rm s3://{{.BUCKET}} --recursive
      - cmd: rm -rf dist
      - defer: echo cleaned
  release:
    aliases: [rel]
    deps: [test]
    preconditions:
      - sh: '[ "$(git branch --show-current)" = main ]'
    cmds:
      - task: clean
      - gh release create v1
`;

describe('task', () => {
  it.each(['task', 'task build', 'task test', 'task --list', 'task -a'])('%s passes', async (cmd) => {
    const { verdict, why } = await verdictIn({ 'Taskfile.yml': TASKFILE }, cmd);
    expect(verdict, why).toBe('pass');
  });

  it('a task is judged by its commands, task calls, deps and templates', async () => {
    const s = await summaryIn({ 'Taskfile.yml': TASKFILE }, 'task rel');
    expect(s).toContain('delete aws AWS::S3::Bucket prod-assets');
  });

  it('dynamic variables (sh:) run while task reads the file', async () => {
    const s = await summaryIn({ 'Taskfile.yml': "version: '3'\nvars:\n  X:\n    sh: terraform destroy -auto-approve\ntasks:\n  ok: echo ok\n" }, 'task ok');
    expect(s).toEqual(['delete terraform terraform:state default']);
  });

  it('includes are namespaced', async () => {
    const files = { 'Taskfile.yml': "version: '3'\nincludes:\n  db: ./db\n", 'db/Taskfile.yml': "version: '3'\ntasks:\n  reset:\n    cmds:\n      - dropdb app\n" };
    expect((await summaryIn(files, 'task db:reset')).length).toBe(1);
  });

  it('no Taskfile: nothing runs; a missing task is unknown', async () => {
    expect(await actionsIn({}, 'task build')).toEqual([]);
    expect(evidenceOf((await actionsIn({ 'Taskfile.yml': TASKFILE }, 'task nope'))[0])).toMatch(/has no task nope/);
  });

  it('a task missing from what could be read is unknown when an include could not be read', async () => {
    const files = { 'Taskfile.yml': "version: '3'\nincludes:\n  ops: https://example.com/Taskfile.yml\ntasks:\n  ok: echo ok\n" };
    const actions = await actionsIn(files, 'task ops:nuke');
    expect(actions.map(evidenceOf).join(' ')).toMatch(/remote Taskfile/);
    expect(actions.map(evidenceOf).join(' ')).toMatch(/no task ops:nuke in what Firebreak could read/);
  });

  it('YAML merge keys under tasks: a name not seen may be merged in, so it stays unknown', async () => {
    const text = "version: '3'\nx-shared: &shared\n  nuke:\n    cmds: [\"aws s3 rb s3://prod --force\"]\ntasks:\n  <<: *shared\n  ok: echo ok\n";
    const actions = await actionsIn({ 'Taskfile.yml': text }, 'task nuke');
    expect(actions.length).toBe(1);
    expect(evidenceOf(actions[0])).toMatch(/merges tasks from a YAML anchor/);
  });
});

describe('just: parameters whose default runs a command', () => {
  const jf = 'deploy target=`aws s3 rb s3://prod-assets --force`: build\n    echo {{target}}\n\nbuild:\n    cargo build\n\nver v=`git describe --tags`:\n    echo {{v}}\n';
  it('the default runs when the argument is not given (a colon inside it does not end the header)', async () => {
    expect(await summaryIn({ justfile: jf }, 'just deploy')).toEqual(['delete aws AWS::S3::Bucket prod-assets']);
    expect(await summaryIn({ justfile: jf }, 'just deploy staging')).toEqual([]);
    expect((await verdictIn({ justfile: jf }, 'just ver')).verdict).toBe('pass');
  });
});

describe('just: a justfile outside the workspace is not read', () => {
  it('found in a parent folder, named with -f, or the global one: unknown', async () => {
    const outside = workspace({ justfile: 'nuke:\n    rm -rf /srv/data\n', 'ws/README.md': 'x' });
    const inParent = await parseShellCommand('just nuke', {}, { cwd: join(outside, 'ws') });
    expect(inParent.map(evidenceOf).join(' ')).toMatch(/outside the workspace/);
    expect((await actionsIn({}, `just -f ${join(outside, 'justfile')} nuke`)).map(evidenceOf).join(' ')).toMatch(/outside the workspace/);
    expect((await actionsIn({ justfile: JUSTFILE }, 'just -g nuke')).map(evidenceOf).join(' ')).toMatch(/--global-justfile/);
    expect(await actionsIn({ justfile: JUSTFILE }, 'just --list')).toEqual([]);
  });
});

describe('task: includes as the Taskfile v3 schema defines them', () => {
  const child = "version: '3'\ntasks:\n  clean:\n    cmds:\n      - rm -rf ../outside-data\n  reset:\n    aliases: [rs]\n    cmds:\n      - dropdb app\n";

  it('without dir, included tasks run where the including Taskfile runs; with dir, there', async () => {
    const noDir = await actionsIn({ 'Taskfile.yml': "version: '3'\nincludes:\n  docs: ./docs\n", 'docs/Taskfile.yml': child }, 'task docs:clean');
    expect(noDir.map(evidenceOf).join(' ')).toMatch(/relative to \. .*climbs out of the working directory/);
    const withDir = await actionsIn({ 'Taskfile.yml': "version: '3'\nincludes:\n  docs:\n    taskfile: ./docs\n    dir: ./docs\n", 'docs/Taskfile.yml': child }, 'task docs:clean');
    expect(withDir.map(evidenceOf).join(' ')).toMatch(/relative to docs /);
  });

  it('namespace aliases, task aliases inside a namespace, flatten and excludes', async () => {
    const main = (extra: string) => `version: '3'\nincludes:\n  database:\n    taskfile: ./db/Taskfile.yml\n${extra}`;
    const files = (extra: string) => ({ 'Taskfile.yml': main(extra), 'db/Taskfile.yml': child });
    expect((await summaryIn(files('    aliases: [db]\n'), 'task db:reset')).length).toBe(1);
    expect((await summaryIn(files('    aliases: [db]\n'), 'task db:rs')).length).toBe(1);
    expect((await summaryIn(files('    flatten: true\n'), 'task reset')).length).toBe(1);
    expect((await actionsIn(files('    excludes: [reset]\n'), 'task database:reset')).map(evidenceOf).join(' ')).toMatch(/has no task database:reset/);
  });

  it('internal tasks run when a task calls them (and are judged even when called from the command line)', async () => {
    const files = { 'Taskfile.yml': "version: '3'\nincludes:\n  db:\n    taskfile: ./db\n    internal: true\ntasks:\n  wipe:\n    cmds:\n      - task: db:reset\n", 'db/Taskfile.yml': child };
    expect((await summaryIn(files, 'task db:reset')).length).toBe(1);
    expect((await summaryIn(files, 'task wipe')).length).toBe(1);
  });

  it('include vars fill the included file; wildcard tasks take MATCH', async () => {
    const files = {
      'Taskfile.yml': "version: '3'\nincludes:\n  prod:\n    taskfile: ./s3.yml\n    vars:\n      BUCKET: prod-assets\ntasks:\n  'drop:*':\n    cmds:\n      - aws s3 rb s3://{{index .MATCH 0}} --force\n",
      's3.yml': "version: '3'\ntasks:\n  empty:\n    cmds:\n      - aws s3 rm s3://{{.BUCKET}} --recursive\n",
    };
    expect((await summaryIn(files, 'task prod:empty')).join(' ')).toContain('prod-assets');
    expect((await summaryIn(files, 'task drop:logs-bucket')).join(' ')).toContain('delete aws AWS::S3::Bucket logs-bucket');
  });

  it('a Taskfile outside the workspace or from a URL is not read: unknown', async () => {
    const outside = workspace({ 'Taskfile.yml': "version: '3'\ntasks:\n  nuke: rm -rf /srv/data\n", 'ws/README.md': 'x' });
    const inParent = await parseShellCommand('task nuke', {}, { cwd: join(outside, 'ws') });
    expect(inParent.map(evidenceOf).join(' ')).toMatch(/outside the workspace/);
    const included = await actionsIn({ 'Taskfile.yml': "version: '3'\nincludes:\n  ops: /etc/firebreak-test/Taskfile.yml\n" }, 'task ops:nuke');
    expect(included.map(evidenceOf).join(' ')).toMatch(/outside the workspace/);
    expect((await actionsIn({ 'Taskfile.yml': TASKFILE }, 'task -g nuke')).map(evidenceOf).join(' ')).toMatch(/--global/);
    expect((await actionsIn({}, 'task -t https://example.com/T.yml nuke')).map(evidenceOf).join(' ')).toMatch(/remote Taskfile/);
  });
});

const RAKEFILE = `require "rake"

desc "build the site"
task :build do
  sh "bundle exec jekyll build"
end

namespace :db do
  desc "nuke prod"
  task :nuke => :environment do
    sh "psql -h prod-db -c 'DROP DATABASE app'"
  end

  task :cleanup, [:days] => [:environment] do |t, args|
    puts "cleaning"
    rm_rf "tmp/cache"
    system("aws", "s3", "rm", "s3://logs", "--recursive")
  end

  task :ruby_only do
    Aws::S3::Client.new.delete_bucket(bucket: "prod")
  end
end

task :environment do
  puts "env"
end

task default: :build
`;

describe('rake and rails', () => {
  it('reads tasks, namespaces and dependencies', () => {
    const tasks = parseRakefile(RAKEFILE, 'Rakefile');
    expect(tasks.map((t) => `${t.name} <- ${t.deps.join(',')}`)).toEqual(['build <- ', 'db:nuke <- environment', 'db:cleanup <- environment', 'db:ruby_only <- ', 'environment <- ', 'default <- build']);
  });

  it('a task is judged by its shell-outs and FileUtils calls', async () => {
    expect(await summaryIn({ Rakefile: RAKEFILE }, 'rake db:nuke')).toEqual(['delete sql sql:database app']);
    const s = await summaryIn({ Rakefile: RAKEFILE }, 'bundle exec rake db:cleanup[7]');
    expect(s).toContain('delete aws AWS::S3::Bucket logs');
    expect(s.some((x) => x.startsWith('delete rm fs:path tmp/cache'))).toBe(true);
  });

  it('Ruby code in a task is read by the Ruby reader, or unknown without one', async () => {
    const a = await actionsIn({ Rakefile: RAKEFILE }, 'rake db:ruby_only');
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((x) => x.operation === 'read')).toBe(false);
  });

  it.each(['rails db:migrate', 'bin/rails db:migrate', 'rails test', 'rails routes', 'bundle exec rails db:migrate:status', 'rails db:create', 'rails s', 'rails generate model User'])('%s passes', async (cmd) => {
    const { verdict, why } = await verdictIn({ 'config/database.yml': 'development:\n  adapter: postgresql\n  database: app_dev\n' }, cmd);
    expect(verdict, why).toBe('pass');
  });

  it.each(['rails db:drop', 'bin/rails db:reset', 'rails db:schema:load', 'rake db:migrate:reset', 'rails db:purge', 'RAILS_ENV=production rails db:drop DISABLE_DATABASE_ENVIRONMENT_CHECK=1',
    'bin/rails db:rollback STEP=3', 'rails db:truncate_all', 'rails db:seed:replant'])('%s deletes the database', async (cmd) => {
    const [a] = await actionsIn({ 'config/database.yml': 'development:\n  adapter: postgresql\n  database: app_dev\nproduction:\n  database: app_prod\n' }, cmd);
    expect(a).toMatchObject({ operation: 'delete', target: { type: 'sql:database' } });
  });

  it('the Rails environment names the database', async () => {
    const [a] = await actionsIn({ 'config/database.yml': 'development:\n  database: app_dev\nproduction:\n  database: app_prod\n' }, 'rails db:drop -e production');
    expect(a.target.id).toBe('app_prod');
    expect(a.hints.endpoint).toBe('rails:production');
  });

  it('console and runner are unknown; dbconsole with SQL is judged', async () => {
    expect((await actionsIn({}, 'rails console'))[0].operation).toBe('unknown');
    expect((await actionsIn({}, 'rails runner "User.delete_all"')).every((x) => x.operation === 'read')).toBe(false);
    expect(await summaryIn({}, 'echo "DROP TABLE users" | rails dbconsole')).toEqual(['delete sql sql:table users']);
  });

  it('ActiveRecord deletes in a task or rails runner are deletes of the application database', async () => {
    const rake = 'task :prune => :environment do\n  ENV.delete("X")\n  User.where("last_seen < ?", 1.year.ago).delete_all\nend\ntask :env_only do\n  ENV.delete("X")\n  File.write("x", "1")\nend\n';
    const [a] = await actionsIn({ Rakefile: rake }, 'RAILS_ENV=production rake prune');
    expect(a).toMatchObject({ operation: 'delete', target: { type: 'sql:database', id: 'production database' } });
    expect(evidenceOf(a)).toMatch(/ActiveRecord bulk delete/);
    expect((await actionsIn({ Rakefile: rake }, 'rake env_only')).some((x) => /ActiveRecord/.test(evidenceOf(x)))).toBe(false);
    expect((await actionsIn({}, 'rails runner "Order.destroy_all"'))[0].operation).toBe('delete');
  });

  it('a task nobody defines is unknown', async () => {
    expect(evidenceOf((await actionsIn({ Rakefile: RAKEFILE }, 'rake frobnicate'))[0])).toMatch(/not a task Firebreak knows/);
  });
});

const MANAGE = "#!/usr/bin/env python\nimport os, sys\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n";
const DJANGO = {
  'manage.py': MANAGE,
  'shop/migrations/0001_initial.py': '', 'shop/migrations/0002_orders.py': '', 'shop/migrations/0003_index.py': '',
  'shop/management/commands/purge_orders.py': 'from django.core.management.base import BaseCommand\nclass Command(BaseCommand):\n    def handle(self, *a, **k):\n        from shop.models import Order\n        Order.objects.all().delete()\n',
};

describe('Django manage.py', () => {
  it.each(['python manage.py migrate', 'python3 manage.py migrate shop', 'python manage.py migrate shop 0003', 'python manage.py makemigrations', 'python manage.py test',
    'python manage.py runserver 0.0.0.0:8000', './manage.py check --deploy', 'python manage.py collectstatic --noinput', 'python manage.py showmigrations', 'python -m django --version'])('%s passes', async (cmd) => {
    const { verdict, why } = await verdictIn(DJANGO, cmd);
    expect(verdict, why).toBe('pass');
  });

  it.each(['python manage.py flush --noinput', 'python3 manage.py migrate shop zero', 'python manage.py migrate shop 0001', 'python manage.py reset_db --noinput',
    './manage.py flush --settings=mysite.settings.production', 'python -m django flush --settings=mysite.settings', 'django-admin flush --noinput'])('%s deletes data', async (cmd) => {
    const [a] = await actionsIn(DJANGO, cmd);
    expect(a).toMatchObject({ operation: 'delete', tool: 'django', target: { type: 'sql:database' } });
  });

  it('the settings module is the endpoint hint', async () => {
    const [a] = await actionsIn(DJANGO, 'python manage.py flush --settings=mysite.settings.production --database=replica');
    expect(a.hints.endpoint).toBe('django:mysite.settings.production/replica');
    expect(a.target.id).toBe('replica (mysite.settings.production)');
  });

  it('a project command is Python code: read, and its ORM deletes are deletes', async () => {
    const a = await actionsIn(DJANGO, 'python manage.py purge_orders');
    expect(a[0]).toMatchObject({ operation: 'delete', tool: 'django', target: { id: 'default (mysite.settings)' } });
    expect(evidenceOf(a[0])).toMatch(/purge_orders\.py line 5: a Django ORM delete/);
  });

  it('shell, dbshell, loaddata and unknown commands', async () => {
    expect((await actionsIn(DJANGO, 'python manage.py shell -c "Order.objects.all().delete()"'))[0].operation).toBe('unknown');
    expect(await summaryIn(DJANGO, 'echo "DROP TABLE shop_order" | python manage.py dbshell')).toEqual(['delete sql sql:table shop_order']);
    expect((await actionsIn(DJANGO, 'python manage.py loaddata prod.json'))[0].operation).toBe('unknown');
    expect((await actionsIn(DJANGO, 'python manage.py frobnicate'))[0].operation).toBe('unknown');
  });
});
