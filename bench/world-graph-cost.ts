// What the world graph costs in graphology against plain Maps, on a plan's own world fragment:
// adding the nodes and edges, one hasDirectedEdge per edge and one forEachInEdge per node (what
// buildWorld, the implicit/literal passes and the blast radius do), CPU per step, a few rounds.
// Run: npx tsx bench/world-graph-cost.ts [--changes 10000] [--rounds 3]
import { DirectedGraph } from 'graphology';
import { readTerraformPlan } from '../src/intake/terraform/plan.js';
import { generateTerraformPlan } from './generate-terraform.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const changes = Number(option('--changes') ?? 10000);
const rounds = Number(option('--rounds') ?? 3);
const { world } = readTerraformPlan(JSON.stringify(generateTerraformPlan(changes, 'benchmark')), 'plan.json');
if (!world) throw new Error('the plan gave no world');
const { resources, edges } = world;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const ms = (from: number) => (cpu() - from).toFixed(1);

process.stdout.write(`${resources.length} nodes, ${edges.length} edges\n`);
for (let round = 1; round <= rounds; round++) {
  let t = cpu();
  const graph = new DirectedGraph({ multi: false, allowSelfLoops: false });
  for (const r of resources) graph.addNode(r.id, r);
  const nodes = ms(t);
  t = cpu();
  for (const e of edges) if (graph.hasNode(e.from) && graph.hasNode(e.to) && !graph.hasDirectedEdge(e.from, e.to)) graph.addDirectedEdge(e.from, e.to, e.dependency);
  const added = ms(t);
  t = cpu();
  let found = 0;
  for (const e of edges) if (graph.hasDirectedEdge(e.from, e.to)) found++;
  const lookups = ms(t);
  t = cpu();
  let walked = 0;
  for (const r of resources) graph.forEachInEdge(r.id, () => walked++);
  const walks = ms(t);

  t = cpu();
  const out = new Map<string, Map<string, unknown>>();
  const into = new Map<string, Map<string, unknown>>();
  for (const r of resources) {
    out.set(r.id, new Map());
    into.set(r.id, new Map());
  }
  for (const e of edges) {
    const from = out.get(e.from);
    const to = into.get(e.to);
    if (from && to && e.from !== e.to && !from.has(e.to)) {
      from.set(e.to, e.dependency);
      to.set(e.from, e.dependency);
    }
  }
  let mapFound = 0;
  for (const e of edges) if (out.get(e.from)?.has(e.to)) mapFound++;
  let mapWalked = 0;
  for (const r of resources) for (const _ of into.get(r.id)!.values()) mapWalked++;
  const maps = ms(t);
  if (found !== mapFound || walked !== mapWalked) throw new Error(`the two graphs differ: ${found}/${mapFound} edges, ${walked}/${mapWalked} in-edges`);
  process.stdout.write(`round ${round}: graphology nodes ${nodes} ms, edges ${added} ms, hasDirectedEdge ${lookups} ms, forEachInEdge ${walks} ms; Maps, all of it: ${maps} ms\n`);
}
