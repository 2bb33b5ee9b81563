// Containers: the command inside is judged, with the image's entrypoint for well-known tools.
import { describe, expect, it } from 'vitest';
import { imageName } from '../../src/intake/shell/runners/containers.js';
import { actionsIn, evidenceOf, summaryIn, verdictIn } from './helpers.js';

const PACKAGE = JSON.stringify({ name: 'app', scripts: { test: 'vitest run' }, devDependencies: { vitest: '3' } });
const COMPOSE = `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: dev
  cache:
    image: redis:7
  aws:
    image: amazon/aws-cli:2.17.0
    environment:
      AWS_PROFILE: prod
    volumes:
      - ~/.aws:/root/.aws:ro
  migrate:
    image: migrate/migrate
    command: ["-path", "/migrations", "-database", "postgres://db/app", "up"]
  janitor:
    image: alpine:3
    command: sh -c "rm -rf /srv/uploads/*"
`;

describe('routine container commands pass', () => {
  it.each(['docker build .', 'docker build -t app:dev .', 'docker run --rm node:20 npm test', 'docker run --rm -v "$PWD":/app -w /app node:20 npm test',
    'docker run -d --name pg -p 5432:5432 -e POSTGRES_PASSWORD=dev postgres:16', 'docker run -d -p 6379:6379 redis:7', 'docker run --rm hello-world',
    'docker run --rm alpine:3 echo hi', 'docker ps -a', 'docker images', 'docker logs -f web', 'docker compose up -d db cache', 'docker compose ps',
    'docker compose logs -f', 'docker compose build', 'docker compose down', 'docker exec web ls /app', 'docker exec -it db psql -U postgres -c "SELECT 1"',
    'podman run --rm docker.io/library/python:3.12 python --version', 'docker run --rm amazon/aws-cli --version', 'docker run --rm hashicorp/terraform:1.9 plan'])('%s', async (cmd) => {
    const { verdict, why } = await verdictIn({ 'package.json': PACKAGE, 'docker-compose.yml': COMPOSE }, cmd);
    expect(verdict, why).toBe('pass');
  });
});

describe('the command inside is judged', () => {
  it.each([
    ['docker run --rm amazon/aws-cli s3 rb s3://prod-assets --force', 'delete aws AWS::S3::Bucket prod-assets'],
    ['docker run --rm public.ecr.aws/aws-cli/aws-cli:2.15.0 s3 rb s3://x', 'delete aws AWS::S3::Bucket x'],
    ['docker run --rm amazon/aws-cli@sha256:0123456789abcdef s3 rb s3://x', 'delete aws AWS::S3::Bucket x'],
    ['docker run --rm docker.io/amazon/aws-cli:latest s3 rb s3://x', 'delete aws AWS::S3::Bucket x'],
    ['docker run -it --rm -v $PWD:/src -w /src hashicorp/terraform destroy -auto-approve', 'delete terraform terraform:state default'],
    ['docker run --rm bitnami/kubectl delete ns production', 'delete kubectl k8s:namespace production'],
    ['docker run --rm --entrypoint aws node:20 s3 rb s3://y', 'delete aws AWS::S3::Bucket y'],
    ['docker run --rm --entrypoint=/bin/sh alpine -c "kubectl delete ns prod"', 'delete kubectl k8s:namespace prod'],
    ['docker run --rm google/cloud-sdk gcloud sql instances delete prod-db --quiet', 'delete gcloud gcloud:sql/instances prod-db'],
    ['docker run --rm postgres:16 psql -h prod-db -U admin -c "DROP DATABASE app"', 'delete sql sql:database app'],
    ['docker exec db psql -U postgres -c "DROP TABLE users"', 'delete sql sql:table users'],
    ['docker container exec -i db mysql -e "DROP DATABASE shop"', 'delete sql sql:database shop'],
    ['podman exec app rm -rf /var/lib/data', 'delete rm fs:path /var/lib/data'],
    ['nerdctl run --rm amazon/aws-cli s3 rm s3://b --recursive', 'delete aws AWS::S3::Bucket b'],
    ['docker compose run --rm aws s3 rb s3://c', 'delete aws AWS::S3::Bucket c'],
    ['docker compose exec db dropdb app', 'delete dropdb sql:database app'],
    ['docker-compose run --rm janitor', 'delete rm fs:path /srv/uploads/*'],
  ])('%s', async (cmd, expected) => {
    const s = await summaryIn({ 'docker-compose.yml': COMPOSE }, cmd);
    expect(s.map((x) => x.replace(/ sql sql:/, ' sql sql:').replace(/^delete (psql|mysql|dropdb) /, 'delete sql '))).toContain(expected.replace(/^delete (dropdb) /, 'delete sql '));
  });

  it('stdin reaches the command in the container (-i)', async () => {
    expect(await summaryIn({}, 'echo "DROP DATABASE app" | docker exec -i db psql')).toEqual(['delete sql sql:database app']);
    expect(await summaryIn({}, "docker exec -i db psql <<'SQL'\nTRUNCATE orders;\nSQL")).toEqual(['delete sql sql:table orders']);
  });

  it('the container environment and mounted credentials are evidence and hints', async () => {
    const [a] = await actionsIn({}, 'docker run --rm -v ~/.aws:/root/.aws -e AWS_PROFILE=prod amazon/aws-cli s3 rm s3://b --recursive');
    expect(a.hints.profile).toBe('prod');
    expect(evidenceOf(a)).toMatch(/host AWS credentials are mounted/);
    const [b] = await actionsIn({ 'prod.env': 'AWS_PROFILE=production\n' }, 'docker run --rm --env-file prod.env amazon/aws-cli s3 rb s3://b');
    expect(b.hints.profile).toBe('production');
    const [c] = await actionsIn({ 'docker-compose.yml': COMPOSE }, 'docker compose run aws s3 rb s3://z');
    expect(c.hints.profile).toBe('prod');
  });

  it('docker exec names the container as the endpoint', async () => {
    const [a] = await actionsIn({}, 'docker exec prod-db psql -c "DROP TABLE t"');
    expect(a.hints.endpoint).toBe('prod-db');
  });

  it('compose up starts each service command', async () => {
    const s = await summaryIn({ 'docker-compose.yml': COMPOSE }, 'docker compose up -d janitor');
    expect(s).toContain('delete rm fs:path /srv/uploads/*');
  });
});

describe('what cannot be read is unknown', () => {
  it.each([
    ['docker run --rm evilcorp/nuke:latest', /runs its own default command/],
    ['docker run -d registry.example.com/team/cleanup@sha256:abc', /runs its own default command/],
    ['docker run --privileged --rm alpine ls', /--privileged/],
    ['docker run --rm -v /:/host alpine ls /host', /root filesystem/],
    ['docker run --rm -v /var/run/docker.sock:/var/run/docker.sock docker:cli docker ps', /Docker socket/],
    ['docker run --pid=host --rm alpine ps', /host process table/],
    ['docker run -it --rm ubuntu', /interactive shell/],
    ['docker compose down -v', /removes the project's volumes/],
    ['docker compose up -d web', /built from the project's Dockerfile/],
    ['docker compose run --rm nope', /no compose file|runs its own default command/],
  ])('%s', async (cmd, why) => {
    const a = await actionsIn({ 'compose.yaml': 'services:\n  web:\n    build: .\n' }, cmd);
    expect(a.some((x) => x.operation === 'unknown' && why.test(evidenceOf(x))), a.map(evidenceOf).join('\n')).toBe(true);
  });

  it('a known image name behind another registry is not that image', async () => {
    const a = await actionsIn({}, 'docker run --rm evil.example/amazon/aws-cli');
    expect(a.some((x) => x.operation === 'unknown')).toBe(true);
  });
});

describe('image names', () => {
  it.each([
    ['amazon/aws-cli', 'amazon/aws-cli'],
    ['amazon/aws-cli:2.15.0', 'amazon/aws-cli'],
    ['docker.io/library/postgres:16', 'postgres'],
    ['postgres@sha256:deadbeef', 'postgres'],
    ['public.ecr.aws/aws-cli/aws-cli:latest@sha256:00ff', 'public.ecr.aws/aws-cli/aws-cli'],
    ['localhost:5000/amazon/aws-cli:1', 'localhost:5000/amazon/aws-cli'],
  ])('%s -> %s', (ref, name) => expect(imageName(ref)).toBe(name));
});

describe('kubectl exec', () => {
  it('runs the command in the pod with the context and namespace as hints', async () => {
    const [a] = await actionsIn({}, 'kubectl --context prod -n data exec -it postgres-0 -- psql -c "DROP TABLE events"');
    expect(`${a.operation} ${a.target.id}`).toBe('delete events');
    expect(a.hints).toMatchObject({ kubeContext: 'prod', namespace: 'data' });
  });
  it('passes stdin with -i', async () => {
    expect(await summaryIn({}, 'echo "DROP DATABASE app" | kubectl exec -i db-0 -- psql')).toEqual(['delete sql sql:database app']);
  });
  it('a shell inside the pod is walked', async () => {
    expect(await summaryIn({}, "kubectl exec deploy/api -- sh -c 'rm -rf /data/*'")).toEqual(['delete rm fs:path /data/*']);
  });
});
