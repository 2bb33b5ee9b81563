import type { Evidence } from '../../model.js';

const WORLD_CIDRS: Readonly<Record<string, string>> = { CidrIp: '0.0.0.0/0', CidrIpv6: '::/0' };

/**
 * Ingress rules a change opens to the whole internet (0.0.0.0/0 or ::/0) that were not open
 * before: on AWS::EC2::SecurityGroup (SecurityGroupIngress list) or AWS::EC2::SecurityGroupIngress.
 */
export function internetIngressEvidence(
  type: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): Evidence[] {
  const rules = (props: Record<string, unknown> | undefined): unknown[] => {
    if (!props) return [];
    if (type === 'AWS::EC2::SecurityGroupIngress') return [props];
    if (type === 'AWS::EC2::SecurityGroup' && Array.isArray(props.SecurityGroupIngress)) return props.SecurityGroupIngress;
    return [];
  };
  const existing = new Set(rules(before).map((r) => JSON.stringify(r)));
  const evidence: Evidence[] = [];
  for (const rule of rules(after)) {
    if (typeof rule !== 'object' || rule === null || existing.has(JSON.stringify(rule))) continue;
    const r = rule as Record<string, unknown>;
    for (const [key, cidr] of Object.entries(WORLD_CIDRS)) {
      if (r[key] !== cidr) continue;
      evidence.push({
        kind: 'attribute',
        key: type === 'AWS::EC2::SecurityGroup' ? `SecurityGroupIngress.${key}` : key,
        value: cidr,
        message: `opens ${describePorts(r)} to the internet (${cidr})`,
      });
    }
  }
  return evidence;
}

function describePorts(rule: Record<string, unknown>): string {
  const protocol = String(rule.IpProtocol ?? '-1');
  if (protocol === '-1' || protocol === 'all') return 'all ports';
  const from = rule.FromPort;
  const to = rule.ToPort ?? from;
  if (from === undefined || String(from) === '-1') return `all ${protocol} ports`;
  return String(from) === String(to) ? `port ${from}/${protocol}` : `ports ${from}-${to}/${protocol}`;
}
