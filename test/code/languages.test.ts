import { describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, summary } from './helpers.js';

describe('ruby', () => {
  it('system, backticks, FileUtils, the AWS SDK for Ruby', async () => {
    expect(await summary(`ruby -e 'system("kubectl delete ns prod")'`)).toEqual(['delete kubectl k8s:namespace prod']);
    expect(await summary('ruby -e \'`dropdb prod`\'')).toEqual(['delete sql sql:database prod']);
    expect(await summary(`ruby -e 'require "fileutils"; FileUtils.rm_rf("/var/lib/mysql")'`)).toEqual(['delete rm fs:path /var/lib/mysql']);
    const code = "require 'aws-sdk-s3'\ns3 = Aws::S3::Client.new(region: 'us-east-1')\ns3.delete_bucket(bucket: 'prod-assets')\n";
    expect(await summary('ruby c.rb', { 'c.rb': code })).toEqual(['delete aws AWS::S3::Bucket prod-assets']);
  });

  it('interpolation and require_relative', async () => {
    const got = await actionsIn('ruby main.rb', { 'main.rb': "require_relative 'lib/ops'\n", 'lib/ops.rb': 'ns = "prod"\nsystem("kubectl delete ns #{ns}")\n' });
    expect(got.map((a) => `${a.target.id} ${a.source.file}:${a.source.line}`)).toEqual(['prod lib/ops.rb:2']);
  });

  it('eval of a run-time string and send of a computed name are unknown; puts passes', async () => {
    expect((await actionsIn(`ruby -e 'eval(ARGV[0])'`)).map((a) => a.operation)).toEqual(['unknown']);
    expect((await actionsIn(`ruby -e 'Kernel.send(ENV["M"], "ls")'`)).map((a) => a.operation)).toContain('unknown');
    expect(await summary(`ruby -e 'puts [1,2].map { |x| x * 2 }.inspect'`)).toEqual([]);
  });
});

describe('php', () => {
  it('shell_exec, backticks, variable functions, unlink, PDO', async () => {
    expect(await summary(`php -r 'shell_exec("dropdb prod");'`)).toEqual(['delete sql sql:database prod']);
    expect(await summary('php -r \'`kubectl delete ns prod`;\'')).toEqual(['delete kubectl k8s:namespace prod']);
    expect(await summary(`php -r '$f = "sys" . "tem"; $f("terraform destroy -auto-approve");'`)).toEqual(['delete terraform terraform:state default']);
    expect(await summary(`php -r 'unlink("/etc/nginx/nginx.conf");'`)).toEqual(['delete rm fs:path /etc/nginx/nginx.conf']);
    const code = "<?php\n$db = new PDO('pgsql:host=prod-db;dbname=app');\n$db->exec('DROP TABLE users');\n";
    expect(await summary('php db.php', { 'db.php': code })).toEqual(['delete sql sql:table users']);
  });

  it('AWS SDK for PHP and curl handles', async () => {
    const aws = "<?php\nuse Aws\\S3\\S3Client;\n$s3 = new S3Client(['region' => 'us-east-1']);\n$s3->deleteBucket(['Bucket' => 'prod-assets']);\n";
    expect(await summary('php a.php', { 'a.php': aws })).toEqual(['delete aws AWS::S3::Bucket prod-assets']);
    const curl = "<?php\n$ch = curl_init('https://api.digitalocean.com/v2/droplets/123');\ncurl_setopt($ch, CURLOPT_CUSTOMREQUEST, 'DELETE');\ncurl_exec($ch);\n";
    expect(await summary('php c.php', { 'c.php': curl })).toEqual(['delete http http:endpoint api.digitalocean.com/v2/droplets/123']);
  });

  it('eval of request input is unknown; echo passes; the dev server passes', async () => {
    expect((await actionsIn(`php -r 'eval(base64_decode($argv[1]));'`)).map((a) => a.operation)).toEqual(['unknown']);
    expect(await summary(`php -r 'echo json_encode([1, 2]);'`)).toEqual([]);
    expect(await summary('php -S localhost:8000 -t public')).toEqual([]);
  });

  it('artisan dispatches into Laravel', async () => {
    const files = { artisan: "<?php\n$app = require_once __DIR__.'/bootstrap/app.php';\n" };
    expect(await summary('php artisan test', files)).toEqual([]);
    expect((await summary('php artisan migrate:fresh --force', files))[0]).toMatch(/^unknown/);
    const rails = { 'bin/rails': "#!/usr/bin/env ruby\nrequire_relative '../config/boot'\nrequire 'rails/commands'\n", 'config/boot.rb': "require 'bundler/setup'\n" };
    expect(await summary('bin/rails test', rails)).toEqual([]);
    expect((await summary('bin/rails db:drop', rails))[0]).toMatch(/^(unknown|delete)/);
  });
});

describe('perl, R, awk, sed', () => {
  it.each([
    [`perl -e 'system("rm -rf /data")'`, ['delete rm fs:path /data']],
    [`perl -e 'my $ns = "prod"; system("kubectl", "delete", "ns", $ns)'`, ['delete kubectl k8s:namespace prod']],
    [`perl -e 'print \`dropdb prod\`'`, ['delete sql sql:database prod']],
    [`perl -e 'open(my $p, "|-", "psql -c \\"DROP TABLE users\\"")'`, ['delete sql sql:table users']],
    [`Rscript -e 'system("terraform destroy -auto-approve")'`, ['delete terraform terraform:state default']],
    [`Rscript -e 'unlink("/srv/data", recursive = TRUE)'`, ['delete rm fs:path /srv/data']],
    [`awk 'BEGIN { system("dropdb prod") }'`, ['delete sql sql:database prod']],
    [`awk '{ print | "sh" }' cmds.txt`, []],
    [`sed '1e dropdb prod' f`, ['delete sql sql:database prod']],
  ])('%s', async (command, expected) => {
    const got = await summary(command);
    if (expected.length) expect(got).toEqual(expected);
    else expect(got.some((g) => g.startsWith('unknown') || g.startsWith('delete'))).toBe(true);
  });

  it.each([
    `perl -e 'eval $ENV{CODE}'`,
    `perl -MLWP::UserAgent -e 'LWP::UserAgent->new->delete("https://api.github.com/repos/a/b")'`,
    `perl -pe 's/(.*)/qx{$1}/e' cmds`,
    `Rscript -e 'eval(parse(text = Sys.getenv("X")))'`,
    `awk '{ system($0) }' cmds.txt`,
    `awk '{ print $1 | $2 }' f`,
    `sed 's/^/rm -rf /e' f`,
    `sed e f`,
    "sed 'p;\\' f",
  ])('%s is unknown', async (command) => {
    const got = await actionsIn(command);
    expect(got.some((a) => a.operation === 'unknown'), got.map(evidenceOf).join('\n')).toBe(true);
  });

  it.each([
    `perl -pi -e 's/foo/bar/g' README.md`, `perl -ne 'print if /^x/' f`, `perl -lane 'print $F[0]' f`, `perl -e 'print "a" x 3, "\\n"'`,
    `Rscript -e 'x <- c(1, 2); print(mean(x))'`, `Rscript -e 'write.csv(mtcars, "out.csv")'`, 'R CMD check .',
    `awk '{print $1}' f`, `awk -F: '$3 > 1000 {print $1}' /etc/passwd`, `awk 'NR==1 || /x|y/ {n++} END {print n}' f`, `awk '{ print $0 > "out.txt" }' f`,
    `sed -n '1,5p' f`, `sed -i 's/a/b/g' src/x.ts`, `sed -E 's#/usr/local#/opt#; /^$/d' f`, `sed '/start/,/end/{s/x/y/;p}' f`,
  ])('%s passes', async (command) => {
    const got = await actionsIn(command);
    expect(got, got.map(evidenceOf).join('\n')).toEqual([]);
  });
});

describe('programs that run Python under themselves', () => {
  it('every runner of the table is dispatched to the runner recogniser', async () => {
    const { PYTHON_RUNNERS } = await import('../../src/knowledge/code/python-runners.js');
    const { PYTHON_RUNNER_NAMES } = await import('../../src/intake/code/loaders.js');
    expect([...PYTHON_RUNNER_NAMES].sort()).toEqual(Object.entries(PYTHON_RUNNERS).filter(([, r]) => !r.moduleOnly).map(([n]) => n).sort());
  });
});

describe('runtimes Firebreak does not read', () => {
  it('versions and the toolchain pass; running code is unknown', async () => {
    expect(await summary('java -version')).toEqual([]);
    expect(await summary('swift build')).toEqual([]);
    expect(await summary('dart test')).toEqual([]);
    for (const c of ['java -jar app.jar', 'lua script.lua', 'julia -e "rm(\\"/x\\")"', 'elixir x.exs']) {
      expect((await summary(c))[0], c).toMatch(/^unknown/);
    }
  });
});

describe('runtimes Firebreak does not read', () => {
  it('every runtime of the table is dispatched to the opaque recogniser', async () => {
    const { OPAQUE_RUNTIMES } = await import('../../src/knowledge/code/interpreters.js');
    const { OPAQUE_RUNTIME_NAMES } = await import('../../src/intake/code/loaders.js');
    expect([...OPAQUE_RUNTIME_NAMES].sort()).toEqual(Object.keys(OPAQUE_RUNTIMES).sort());
  });

  it('the build tools that run one file of such a language are named where the walk looks for them', async () => {
    const { TOOLCHAIN_SCRIPT_RUNS } = await import('../../src/knowledge/code/interpreters.js');
    const { SCRIPT_RUN_TOOLS } = await import('../../src/intake/shell/script-run-tools.js');
    expect([...SCRIPT_RUN_TOOLS].sort()).toEqual(Object.keys(TOOLCHAIN_SCRIPT_RUNS).sort());
  });

  it('code given to them is unknown; versions, and debuggers without commands, are not', async () => {
    for (const run of [`pwsh -c 'Get-ChildItem'`, 'tclsh x.tcl', `osascript -e 'beep'`, `gdb -batch -ex 'info proc'`, `lldb -o 'platform shell true' ./a.out`, 'kotlinc -script x.main.kts', `gdb --eval-command='shell true'`]) {
      expect((await actionsIn(run)).map((a) => a.operation), run).toEqual(['unknown']);
    }
    for (const run of ['pwsh --version', 'gdb ./a.out', 'gdb -p 4242', 'lldb ./a.out', 'kotlinc Main.kt -d out.jar']) {
      expect(await actionsIn(run), run).toEqual([]);
    }
  });
});
