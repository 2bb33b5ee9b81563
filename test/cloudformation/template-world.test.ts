import { describe, expect, it } from 'vitest';
import { readTemplate } from '../../src/intake/cloudformation/index.js';
import { fixture } from './helpers.js';

function world(path: string, stack = 'stack') {
  const { text, file } = fixture(path);
  const result = readTemplate(text, file, stack);
  expect(result.actions).toEqual([]);
  return result.world!;
}

const edgeDetails = (w: ReturnType<typeof world>) => w.edges.map((e) => `${e.from} -> ${e.to} (${e.dependency.detail})`);

describe('readTemplate on real templates', () => {
  it('VPC with managed NAT: 26 resources, edges from Ref / GetAtt / DependsOn', () => {
    const w = world('VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml', 'net');
    expect(w.resources).toHaveLength(26);
    expect(w.edges).toHaveLength(35); // cross-checked with PyYAML
    const details = edgeDetails(w);
    expect(details).toContain('net/PublicSubnet0 -> net/VPC (PublicSubnet0.VpcId: Ref VPC)');
    expect(details).toContain('net/PublicRoute -> net/GatewayToInternet (PublicRoute: DependsOn GatewayToInternet)');
    expect(details).toContain('net/NATGateway0 -> net/ElasticIP0 (NATGateway0.AllocationId: GetAtt ElasticIP0.AllocationId)');
    // Parameters and pseudo parameters are not resources.
    expect(w.edges.every((e) => w.resources.some((r) => r.id === e.to))).toBe(true);
    expect(w.edges.every((e) => e.dependency.reason === 'declared')).toBe(true);
    const vpc = w.resources.find((r) => r.id === 'net/VPC')!;
    expect(vpc).toMatchObject({ type: 'AWS::EC2::VPC', cfnType: 'AWS::EC2::VPC', names: ['VPC'], stack: 'net', source: 'cloudformation-template' });
    expect(vpc.attributes).toMatchObject({ DeletionPolicy: 'Delete', DeletionPolicyOrigin: 'default', UpdateReplacePolicy: 'Delete' });
  });

  it('RDS with read replica: policies as written, Sub references, conditions', () => {
    const w = world('RDS/RDS_MySQL_With_Read_Replica.yaml', 'db');
    expect(w.resources.map((r) => r.id)).toEqual(['db/DBEC2SecurityGroup', 'db/DBCredential', 'db/MainDB', 'db/ReplicaDB']);
    const byId = Object.fromEntries(w.resources.map((r) => [r.id, r]));
    expect(byId['db/MainDB'].attributes).toMatchObject({ DeletionPolicy: 'Snapshot', DeletionPolicyOrigin: 'written', UpdateReplacePolicy: 'Snapshot' });
    expect(byId['db/ReplicaDB'].attributes).toMatchObject({ DeletionPolicy: 'Retain', Condition: 'EnableReadReplica' });
    expect(byId['db/MainDB'].tags).toEqual({ Name: 'Master Database' });
    expect(edgeDetails(w).sort()).toEqual([
      'db/MainDB -> db/DBCredential (MainDB.MasterUserPassword: Sub ${DBCredential})',
      'db/MainDB -> db/DBEC2SecurityGroup (MainDB.VPCSecurityGroups.Fn::If[1][0]: GetAtt DBEC2SecurityGroup.GroupId)',
      'db/ReplicaDB -> db/MainDB (ReplicaDB.SourceDBInstanceIdentifier: Ref MainDB)',
    ]);
  });

  it('RDS instance without a DeletionPolicy gets the Snapshot default', () => {
    const w = world('RDS/RDS_PIOPS.yaml');
    const db = w.resources.find((r) => r.type === 'AWS::RDS::DBInstance')!;
    expect(db.attributes).toMatchObject({ DeletionPolicy: 'Snapshot', DeletionPolicyOrigin: 'default' });
  });

  it('ECS Fargate public VPC cluster', () => {
    const w = world('ECS/FargateLaunchType/clusters/public-vpc.yaml', 'ecs');
    expect(w.resources).toHaveLength(19);
    expect(w.edges.length).toBe(23); // cross-checked with PyYAML
    expect(edgeDetails(w)).toContain('ecs/PublicSubnetOne -> ecs/VPC (PublicSubnetOne.VpcId: Ref VPC)');
  });

  it('DynamoDB tables: one resource, no edges; literal names from Fn::ForEach', () => {
    const single = world('DynamoDB/DynamoDB_Table.yaml');
    expect(single.resources).toHaveLength(1);
    expect(single.edges).toHaveLength(0);
    expect(single.resources[0].names).toEqual(['myDynamoDBTable']);
    const loop = world('CloudFormation/fn-foreach-ddb.yaml');
    expect(loop.resources.map((r) => r.names)).toEqual([
      ['DynamoDBPoints', 'Points'],
      ['DynamoDBScore', 'Score'],
      ['DynamoDBName', 'Name'],
      ['DynamoDBLeaderboard', 'Leaderboard'],
    ]);
  });

  it('Fn::Sub skips escaped literals, its own variables and pseudo parameters', () => {
    const text = `Resources:
  Topic: {Type: AWS::SNS::Topic}
  Queue: {Type: AWS::SQS::Queue}
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: [Queue]
    Properties:
      Code: {ZipFile: !Sub ['\${!Topic} \${AWS::Region} \${Local} \${Topic.TopicName}', {Local: x}]}
`;
    const { world: w } = readTemplate(text, 't.yaml', 's');
    expect(edgeDetails(w!)).toEqual(['s/Fn -> s/Topic (Fn.Code.ZipFile: Sub ${Topic.TopicName})', 's/Fn -> s/Queue (Fn: DependsOn Queue)']);
  });
});
