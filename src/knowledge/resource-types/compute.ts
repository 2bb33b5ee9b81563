// EC2 instances and what fronts them: launch templates, auto scaling, load balancers.
import type { ResourceFacts } from '../types.js';
import { setting } from './conditions.js';

export const COMPUTE_TYPES: ResourceFacts[] = [
  {
    service: 'ec2',
    cfnType: 'AWS::EC2::Instance',
    terraformTypes: ['aws_instance'],
    label: 'EC2 instance',
    stateful: true,
    holds: 'data on the root volume and instance store of instance {name}',
    nameKeys: [{ tf: 'id', cli: 'instance-ids' }],
    deletion: [
      {
        id: 'ec2-termination-protection',
        when: [setting({ tf: 'disable_api_termination', cfn: 'DisableApiTermination', cli: 'disable-api-termination' }, 'true')],
        outcome: 'blocked',
        message: 'termination protection is on: AWS rejects the termination',
      },
      {
        id: 'ec2-root-volume-kept',
        when: [
          setting(
            { tf: 'root_block_device.delete_on_termination', cfn: 'BlockDeviceMappings.Ebs.DeleteOnTermination' },
            'false',
          ),
        ],
        outcome: 'kept',
        message: 'the root volume is kept after termination',
        restore: {
          description: 'launch a replacement and attach the kept volume',
          command: 'aws ec2 attach-volume --volume-id <kept-volume-id> --instance-id <new-instance-id> --device /dev/sdf',
        },
      },
      {
        id: 'ec2-root-volume-deleted',
        when: [
          setting(
            { tf: 'root_block_device.delete_on_termination', cfn: 'BlockDeviceMappings.Ebs.DeleteOnTermination' },
            'true',
            { defaults: { tf: true, cfn: true, cli: true }, defaultNote: 'the default for a root volume' },
          ),
        ],
        outcome: 'lost',
        message: 'the root volume is deleted with the instance',
        lost: 'data on the root volume (and instance store) of instance {name}',
      },
    ],
    safeguard: {
      description: 'create an AMI (snapshots every attached volume) before terminating',
      command: 'aws ec2 create-image --instance-id {name} --name firebreak-{name}-{stamp} --no-reboot',
    },
    safeguardRestore: {
      description: 'launch a replacement from the safeguard image',
      command: 'aws ec2 run-instances --image-id <ami-id of firebreak-{name}-{stamp}> --instance-type <type> --subnet-id <subnet>',
    },
  },
  {
    service: 'ec2',
    cfnType: 'AWS::EC2::VolumeAttachment',
    terraformTypes: ['aws_volume_attachment'],
    label: 'EBS volume attachment',
    stateful: false,
    nameKeys: [{ tf: 'volume_id', cfn: 'VolumeId', cli: 'volume-id' }],
  },
  {
    service: 'ec2',
    cfnType: 'AWS::EC2::LaunchTemplate',
    terraformTypes: ['aws_launch_template'],
    label: 'launch template',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'LaunchTemplateName', cli: 'launch-template-name' }],
  },
  {
    service: 'ec2',
    cfnType: 'AWS::EC2::KeyPair',
    terraformTypes: ['aws_key_pair'],
    label: 'EC2 key pair',
    stateful: false,
    nameKeys: [{ tf: 'key_name', cfn: 'KeyName', cli: 'key-name' }],
  },
  {
    service: 'autoscaling',
    cfnType: 'AWS::AutoScaling::AutoScalingGroup',
    terraformTypes: ['aws_autoscaling_group'],
    label: 'Auto Scaling group',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'AutoScalingGroupName', cli: 'auto-scaling-group-name' }],
  },
  {
    service: 'elasticloadbalancing',
    cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    terraformTypes: ['aws_lb', 'aws_alb'],
    label: 'load balancer (ALB/NLB)',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'Name', cli: ['names', 'load-balancer-arn'] }],
    deletion: [
      {
        id: 'elb-deletion-protection',
        when: [setting({ tf: 'enable_deletion_protection' }, 'true')],
        outcome: 'blocked',
        message: 'deletion protection is on: AWS rejects the delete',
      },
    ],
  },
  {
    service: 'elasticloadbalancing',
    cfnType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    terraformTypes: ['aws_lb_target_group', 'aws_alb_target_group'],
    label: 'target group',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'Name', cli: 'target-group-arn' }],
  },
  {
    service: 'elasticloadbalancing',
    cfnType: 'AWS::ElasticLoadBalancingV2::Listener',
    terraformTypes: ['aws_lb_listener', 'aws_alb_listener'],
    label: 'load balancer listener',
    stateful: false,
    nameKeys: [{ tf: 'arn', cli: 'listener-arn' }],
  },
  {
    service: 'elasticloadbalancing',
    cfnType: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    terraformTypes: ['aws_lb_listener_rule', 'aws_alb_listener_rule'],
    label: 'load balancer listener rule',
    stateful: false,
    nameKeys: [{ tf: 'arn', cli: 'rule-arn' }],
  },
  {
    service: 'emr',
    cfnType: 'AWS::EMR::Cluster',
    terraformTypes: ['aws_emr_cluster'],
    label: 'EMR cluster',
    stateful: true,
    holds: 'the HDFS data and local state of cluster {name} (data in S3 survives)',
    nameKeys: [{ tf: 'id', cli: 'cluster-id' }],
    deletion: [
      {
        id: 'emr-termination-protection',
        when: [setting({ tf: 'termination_protection', cfn: 'Instances.TerminationProtected', cli: 'termination-protected' }, 'true')],
        outcome: 'blocked',
        message: 'EMR refuses to terminate the cluster while termination protection is on',
      },
    ],
  },
];
