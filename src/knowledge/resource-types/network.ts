// VPC networking. Stateless: everything here is re-created from configuration, except an
// Elastic IP's address.
import type { ResourceFacts } from '../types.js';

const stateless = (
  cfnType: string,
  terraformTypes: string[],
  label: string,
  nameKeys: ResourceFacts['nameKeys'] = [],
): ResourceFacts => ({ service: 'ec2', cfnType, terraformTypes, label, stateful: false, nameKeys });

export const NETWORK_TYPES: ResourceFacts[] = [
  stateless('AWS::EC2::VPC', ['aws_vpc', 'aws_default_vpc'], 'VPC', [{ tf: 'id', cli: 'vpc-id' }]),
  stateless('AWS::EC2::Subnet', ['aws_subnet', 'aws_default_subnet'], 'subnet', [{ tf: 'id', cli: 'subnet-id' }]),
  stateless('AWS::EC2::SecurityGroup', ['aws_security_group', 'aws_default_security_group'], 'security group', [
    { tf: 'id', cli: 'group-id' },
  ]),
  stateless(
    'AWS::EC2::SecurityGroupIngress',
    ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule'],
    'security group ingress rule',
    [{ tf: 'security_group_id', cli: 'group-id' }],
  ),
  stateless('AWS::EC2::SecurityGroupEgress', ['aws_vpc_security_group_egress_rule'], 'security group egress rule', [
    { tf: 'security_group_id', cli: 'group-id' },
  ]),
  stateless('AWS::EC2::InternetGateway', ['aws_internet_gateway'], 'internet gateway', [
    { tf: 'id', cli: 'internet-gateway-id' },
  ]),
  stateless('AWS::EC2::VPCGatewayAttachment', ['aws_internet_gateway_attachment'], 'internet gateway attachment'),
  stateless('AWS::EC2::NatGateway', ['aws_nat_gateway'], 'NAT gateway', [{ tf: 'id', cli: 'nat-gateway-id' }]),
  stateless('AWS::EC2::RouteTable', ['aws_route_table', 'aws_default_route_table'], 'route table', [
    { tf: 'id', cli: 'route-table-id' },
  ]),
  stateless('AWS::EC2::Route', ['aws_route'], 'route', [{ tf: 'route_table_id', cli: 'route-table-id' }]),
  stateless('AWS::EC2::SubnetRouteTableAssociation', ['aws_route_table_association'], 'route table association'),
  stateless('AWS::EC2::VPCEndpoint', ['aws_vpc_endpoint'], 'VPC endpoint', [{ tf: 'id', cli: 'vpc-endpoint-ids' }]),
  stateless('AWS::EC2::NetworkInterface', ['aws_network_interface'], 'network interface', [
    { tf: 'id', cli: 'network-interface-id' },
  ]),
  {
    service: 'ec2',
    cfnType: 'AWS::EC2::EIP',
    terraformTypes: ['aws_eip'],
    label: 'Elastic IP',
    stateful: false,
    identity: 'the public IPv4 address {name}: once released it is unlikely to be had again, and allow-lists and DNS that name it break',
    nameKeys: [{ tf: 'public_ip', cli: ['public-ip', 'allocation-id'] }],
  },
];
