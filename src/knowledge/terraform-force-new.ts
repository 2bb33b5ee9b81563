// Attributes whose change makes the AWS provider destroy and recreate the resource (ForceNew in
// the provider schema). Used when a change is judged from .tf sources without a plan: a plan
// says this itself (replace_paths), source text does not. Nested blocks are listed by their
// block name. Conservative: when unsure whether an attribute updates in place, it is listed
// (a wrongly predicted replacement escalates; a missed one could pass a data-losing change).

export interface ForceNewEntry {
  attributes: readonly string[];
  note?: string;
}

export const TERRAFORM_FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = {
  aws_db_instance: {
    attributes: ['identifier', 'identifier_prefix', 'engine', 'availability_zone', 'storage_encrypted', 'kms_key_id', 'username', 'db_name', 'name',
      'character_set_name', 'nchar_character_set_name', 'snapshot_identifier', 'timezone', 'custom_iam_instance_profile', 'restore_to_point_in_time', 's3_import'],
  },
  aws_rds_cluster: {
    attributes: ['cluster_identifier', 'cluster_identifier_prefix', 'engine', 'engine_mode', 'availability_zones', 'database_name', 'master_username',
      'storage_encrypted', 'kms_key_id', 'snapshot_identifier', 'source_region', 's3_import', 'restore_to_point_in_time', 'db_subnet_group_name'],
  },
  aws_rds_cluster_instance: { attributes: ['identifier', 'identifier_prefix', 'cluster_identifier', 'engine', 'availability_zone', 'db_subnet_group_name'] },
  aws_docdb_cluster: { attributes: ['cluster_identifier', 'cluster_identifier_prefix', 'engine', 'availability_zones', 'master_username', 'storage_encrypted', 'kms_key_id', 'snapshot_identifier', 'db_subnet_group_name'] },
  aws_neptune_cluster: { attributes: ['cluster_identifier', 'cluster_identifier_prefix', 'engine', 'availability_zones', 'storage_encrypted', 'kms_key_id', 'snapshot_identifier', 'neptune_subnet_group_name'] },
  aws_redshift_cluster: { attributes: ['cluster_identifier', 'database_name', 'master_username', 'availability_zone', 'cluster_subnet_group_name', 'snapshot_identifier'] },
  aws_dynamodb_table: { attributes: ['name', 'hash_key', 'range_key', 'local_secondary_index'], note: 'a renamed table is a new, empty table' },
  aws_elasticache_cluster: { attributes: ['cluster_id', 'engine', 'availability_zone', 'subnet_group_name', 'port', 'snapshot_arns', 'snapshot_name'] },
  aws_elasticache_replication_group: { attributes: ['replication_group_id', 'at_rest_encryption_enabled', 'subnet_group_name', 'port', 'snapshot_arns', 'snapshot_name', 'data_tiering_enabled'] },
  aws_opensearch_domain: { attributes: ['domain_name'] },
  aws_elasticsearch_domain: { attributes: ['domain_name'] },
  aws_kinesis_stream: { attributes: ['name'] },
  aws_s3_bucket: { attributes: ['bucket', 'bucket_prefix', 'object_lock_enabled'] },
  aws_efs_file_system: { attributes: ['creation_token', 'encrypted', 'kms_key_id', 'performance_mode', 'availability_zone_name'] },
  aws_ebs_volume: { attributes: ['availability_zone', 'encrypted', 'kms_key_id', 'snapshot_id', 'outpost_arn'] },
  aws_instance: {
    attributes: ['ami', 'availability_zone', 'subnet_id', 'key_name', 'private_ip', 'ebs_block_device', 'ephemeral_block_device', 'placement_group', 'tenancy',
      'network_interface', 'associate_public_ip_address', 'ipv6_address_count', 'host_id', 'cpu_core_count', 'cpu_threads_per_core', 'hibernation', 'launch_template', 'security_groups'],
    note: 'user_data replaces only with user_data_replace_on_change = true',
  },
  aws_launch_configuration: { attributes: ['name', 'name_prefix', 'image_id', 'instance_type', 'key_name', 'security_groups', 'user_data', 'iam_instance_profile', 'root_block_device', 'ebs_block_device'] },
  aws_autoscaling_group: { attributes: ['name', 'name_prefix'] },
  aws_vpc: { attributes: ['cidr_block', 'ipv4_ipam_pool_id'] },
  aws_subnet: { attributes: ['vpc_id', 'cidr_block', 'availability_zone', 'availability_zone_id', 'outpost_arn'] },
  aws_security_group: { attributes: ['name', 'name_prefix', 'vpc_id', 'description'] },
  aws_nat_gateway: { attributes: ['subnet_id', 'allocation_id', 'connectivity_type', 'private_ip'] },
  aws_eip: { attributes: ['vpc', 'domain', 'network_border_group', 'public_ipv4_pool'] },
  aws_route_table: { attributes: ['vpc_id'] },
  aws_lb: { attributes: ['name', 'name_prefix', 'internal', 'load_balancer_type'] },
  aws_alb: { attributes: ['name', 'name_prefix', 'internal', 'load_balancer_type'] },
  aws_lb_target_group: { attributes: ['name', 'name_prefix', 'port', 'protocol', 'vpc_id', 'target_type'] },
  aws_ecs_cluster: { attributes: ['name'] },
  aws_ecs_service: { attributes: ['name', 'cluster', 'iam_role', 'launch_type'] },
  aws_eks_cluster: { attributes: ['name', 'role_arn', 'kubernetes_network_config'] },
  aws_eks_node_group: { attributes: ['cluster_name', 'node_group_name', 'node_group_name_prefix', 'node_role_arn', 'subnet_ids', 'ami_type', 'capacity_type', 'disk_size', 'instance_types', 'remote_access'] },
  aws_lambda_function: { attributes: ['function_name', 'package_type'] },
  aws_iam_role: { attributes: ['name', 'name_prefix', 'path'] },
  aws_iam_policy: { attributes: ['name', 'name_prefix', 'path', 'description'] },
  aws_iam_instance_profile: { attributes: ['name', 'name_prefix', 'path'] },
  aws_iam_role_policy_attachment: { attributes: ['role', 'policy_arn'] },
  aws_kms_key: { attributes: ['customer_master_key_spec', 'key_usage', 'multi_region', 'custom_key_store_id', 'xks_key_id'] },
  aws_kms_alias: { attributes: ['name', 'name_prefix'] },
  aws_sqs_queue: { attributes: ['name', 'name_prefix', 'fifo_queue'] },
  aws_sns_topic: { attributes: ['name', 'name_prefix', 'fifo_topic'] },
  aws_secretsmanager_secret: { attributes: ['name', 'name_prefix'] },
  aws_cloudwatch_log_group: { attributes: ['name', 'name_prefix'] },
  aws_ecr_repository: { attributes: ['name'] },
  aws_db_subnet_group: { attributes: ['name', 'name_prefix'] },
  aws_key_pair: { attributes: ['key_name', 'key_name_prefix', 'public_key'] },
  aws_acm_certificate: { attributes: ['domain_name', 'subject_alternative_names', 'validation_method', 'key_algorithm', 'certificate_authority_arn'] },
  aws_route53_zone: { attributes: ['name'] },
  aws_route53_record: { attributes: ['zone_id', 'name', 'type', 'set_identifier'] },
  aws_sfn_state_machine: { attributes: ['name', 'name_prefix'] },
  aws_cloudwatch_event_bus: { attributes: ['name'] },
  aws_cognito_user_pool: { attributes: ['name', 'alias_attributes', 'username_attributes'] },
};

/** Attributes whose change forces replacement for a Terraform type; undefined when the table does not know the type. */
export function forceNewAttributes(terraformType: string): readonly string[] | undefined {
  return TERRAFORM_FORCE_NEW[terraformType]?.attributes;
}
