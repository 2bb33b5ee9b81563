import { describe, expect, it } from 'vitest';
import { actions, evidenceText, summary } from './helpers.js';

describe('kubectl', () => {
  it('delete with types, names and slash forms', async () => {
    expect(await summary('kubectl delete deploy api worker -n prod')).toEqual(['delete kubectl k8s:deployment api', 'delete kubectl k8s:deployment worker']);
    expect(await summary('kubectl delete pvc/data-db-0 svc/db')).toEqual(['delete kubectl k8s:persistentvolumeclaim data-db-0', 'delete kubectl k8s:service db']);
    expect(await summary('kubectl delete namespace staging')).toEqual(['delete kubectl k8s:namespace staging']);
  });

  it('namespace and context hints, -nX form', async () => {
    const [a] = await actions('kubectl --context=prod-eks -nbilling delete pod x');
    expect(a.hints).toMatchObject({ kubeContext: 'prod-eks', namespace: 'billing' });
  });

  it('delete --all / -l / -f are unbounded', async () => {
    const [all] = await actions('kubectl delete pods --all -n prod');
    expect(all.scope).toBe('unknown');
    expect(evidenceText(all)).toMatch(/--all/);
    const [sel] = await actions('kubectl delete deploy -l app=web');
    expect(sel.scope).toBe('unknown');
    const [file] = await actions('kubectl delete -f k8s/');
    expect(file).toMatchObject({ operation: 'delete', target: { type: 'k8s:manifest', id: 'k8s/' }, scope: 'unknown' });
  });

  it('drain, cordon and scale to zero are updates', async () => {
    expect(await summary('kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data')).toEqual(['update kubectl k8s:node node-1']);
    expect(await summary('kubectl cordon node-1')).toEqual(['update kubectl k8s:node node-1']);
    const [s] = await actions('kubectl scale deployment/api --replicas=0 -n prod');
    expect(s).toMatchObject({ operation: 'update', verb: 'scale --replicas=0', target: { type: 'k8s:deployment', id: 'api' } });
    expect(evidenceText(s)).toMatch(/zero/);
  });

  it('apply, patch, edit, rollout restart are updates; get/describe/logs reads', async () => {
    expect((await actions('kubectl apply -f deploy.yaml'))[0]).toMatchObject({ operation: 'update', target: { type: 'k8s:manifest' } });
    expect((await actions(`kubectl patch deploy api -p '{"spec":{"replicas":2}}'`))[0].operation).toBe('update');
    expect((await actions('kubectl edit cm app-config'))[0].operation).toBe('update');
    expect(await summary('kubectl rollout restart deployment/api')).toEqual(['update kubectl k8s:deployment api']);
    for (const c of ['kubectl get pods -A', 'kubectl describe node x', 'kubectl logs -f api-123', 'kubectl rollout status deploy/api']) {
      expect((await actions(c))[0].operation).toBe('read');
    }
  });

  it('apply --prune deletes what is not in the manifests', async () => {
    expect((await actions('kubectl apply --prune -l app=x -f dir/'))[0].operation).toBe('delete');
  });
});

describe('helm', () => {
  it('uninstall / delete, rollback, upgrade, install, list', async () => {
    expect((await actions('helm uninstall api -n prod --kube-context prod'))[0]).toMatchObject({ operation: 'delete', target: { type: 'helm:release', id: 'api' }, hints: { namespace: 'prod', kubeContext: 'prod' } });
    expect((await actions('helm delete api'))[0].operation).toBe('delete');
    expect((await actions('helm rollback api 3'))[0]).toMatchObject({ operation: 'update', verb: 'rollback' });
    expect((await actions('helm upgrade --install api ./chart -f values.yaml'))[0]).toMatchObject({ operation: 'update', target: { id: 'api' } });
    expect((await actions('helm install api ./chart'))[0].operation).toBe('create');
    expect((await actions('helm list -A'))[0].operation).toBe('read');
    expect((await actions('helm status api'))[0].operation).toBe('read');
  });
});
