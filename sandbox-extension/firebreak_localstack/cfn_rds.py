"""CloudFormation resource providers for RDS, backed by the moto RDS this extension serves.

LocalStack community has none: without them CloudFormation "deploys" RDS resources as no-ops.
Schemas carry AWS's primary identifiers and create-only properties (from the CloudFormation
registry schemas), so LocalStack's change sets say Replacement where AWS would.
"""

from localstack.services.cloudformation.resource_provider import (
    CloudFormationResourceProviderPlugin,
    OperationStatus,
    ProgressEvent,
    ResourceProvider,
    ResourceRequest,
)
from localstack.utils.strings import short_uid

from . import deletion_policies

PLACEHOLDER_PASSWORD = "firebreak-sandbox-1"


def _default_name(request: ResourceRequest) -> str:
    stack = request.stack_name[:30]
    return f"{stack}-{request.logical_resource_id[:20]}-{short_uid()}".lower()


def _tags(model: dict) -> list[dict]:
    return [{"Key": t["Key"], "Value": str(t["Value"])} for t in model.get("Tags") or []]


def _int(value):
    return int(value) if value is not None and str(value) != "" else None


def _bool(value):
    if value is None:
        return None
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _compact(params: dict) -> dict:
    return {k: v for k, v in params.items() if v is not None and v != [] and v != ""}


def _snapshot_on_delete(request: ResourceRequest, default_snapshot: bool) -> bool:
    policy = deletion_policies.policy_of(request.stack_id, request.logical_resource_id)
    if policy is None:
        return default_snapshot
    return policy == "Snapshot"


def _ok(model: dict) -> ProgressEvent:
    return ProgressEvent(status=OperationStatus.SUCCESS, resource_model=model)


def _schema(type_name: str, primary: str, create_only: list[str], read_only: list[str] = ()) -> dict:
    return {
        "typeName": type_name,
        "primaryIdentifier": [f"/properties/{primary}"],
        "createOnlyProperties": [f"/properties/{p}" for p in create_only],
        "readOnlyProperties": [f"/properties/{p}" for p in read_only],
        "properties": {},
    }


class DBInstanceProvider(ResourceProvider[dict]):
    TYPE = "AWS::RDS::DBInstance"
    SCHEMA = _schema(
        TYPE,
        "DBInstanceIdentifier",
        ["StorageEncrypted", "Timezone", "Port", "DBClusterIdentifier", "KmsKeyId", "DBSubnetGroupName",
         "DBInstanceIdentifier", "NcharCharacterSetName", "MasterUsername", "CharacterSetName", "SourceRegion",
         "DBName", "CustomIAMInstanceProfile", "BackupTarget", "DBSystemId"],
        ["Endpoint", "DBInstanceArn", "DbiResourceId"],
    )

    def create(self, request: ResourceRequest[dict]) -> ProgressEvent[dict]:
        model = request.desired_state
        rds = request.aws_client_factory.rds
        model.setdefault("DBInstanceIdentifier", _default_name(request))
        common = {
            "DBInstanceIdentifier": model["DBInstanceIdentifier"],
            "DBInstanceClass": model.get("DBInstanceClass") or "db.t3.micro",
            "DBSubnetGroupName": model.get("DBSubnetGroupName"),
            "VpcSecurityGroupIds": model.get("VPCSecurityGroups"),
            "MultiAZ": _bool(model.get("MultiAZ")),
            "PubliclyAccessible": _bool(model.get("PubliclyAccessible")),
            "Port": _int(model.get("Port")),
            "DeletionProtection": _bool(model.get("DeletionProtection")),
            "Tags": _tags(model),
        }
        if model.get("DBSnapshotIdentifier"):
            rds.restore_db_instance_from_db_snapshot(**_compact({**common, "DBSnapshotIdentifier": model["DBSnapshotIdentifier"]}))
        else:
            rds.create_db_instance(
                **_compact(
                    {
                        **common,
                        "Engine": model.get("Engine") or ("aurora-postgresql" if model.get("DBClusterIdentifier") else "postgres"),
                        "EngineVersion": model.get("EngineVersion"),
                        "AllocatedStorage": _int(model.get("AllocatedStorage")),
                        "MasterUsername": model.get("MasterUsername"),
                        "MasterUserPassword": None if _bool(model.get("ManageMasterUserPassword")) or model.get("DBClusterIdentifier") else model.get("MasterUserPassword") or PLACEHOLDER_PASSWORD,
                        "ManageMasterUserPassword": _bool(model.get("ManageMasterUserPassword")),
                        "MasterUserSecretKmsKeyId": (model.get("MasterUserSecret") or {}).get("KmsKeyId"),
                        "DBName": model.get("DBName"),
                        "DBParameterGroupName": model.get("DBParameterGroupName"),
                        "BackupRetentionPeriod": _int(model.get("BackupRetentionPeriod")),
                        "StorageEncrypted": _bool(model.get("StorageEncrypted")),
                        "KmsKeyId": model.get("KmsKeyId"),
                        "StorageType": model.get("StorageType"),
                        "DBClusterIdentifier": model.get("DBClusterIdentifier"),
                    }
                )
            )
        return _ok(self._describe(rds, model))

    def _describe(self, rds, model: dict) -> dict:
        db = rds.describe_db_instances(DBInstanceIdentifier=model["DBInstanceIdentifier"])["DBInstances"][0]
        endpoint = db.get("Endpoint") or {}
        model["Endpoint"] = {"Address": endpoint.get("Address", ""), "Port": str(endpoint.get("Port", "")), "HostedZoneId": endpoint.get("HostedZoneId", "")}
        model["DBInstanceArn"] = db.get("DBInstanceArn")
        model["DbiResourceId"] = db.get("DbiResourceId")
        if db.get("MasterUserSecret"):
            model["MasterUserSecret"] = {**(model.get("MasterUserSecret") or {}), "SecretArn": db["MasterUserSecret"].get("SecretArn")}
        return model

    def read(self, request):
        return _ok(self._describe(request.aws_client_factory.rds, request.desired_state))

    def update(self, request: ResourceRequest[dict]) -> ProgressEvent[dict]:
        model = request.desired_state
        previous = request.previous_state or {}
        model["DBInstanceIdentifier"] = previous.get("DBInstanceIdentifier") or model.get("DBInstanceIdentifier")
        rds = request.aws_client_factory.rds
        rds.modify_db_instance(
            **_compact(
                {
                    "DBInstanceIdentifier": model["DBInstanceIdentifier"],
                    "DBInstanceClass": model.get("DBInstanceClass"),
                    "AllocatedStorage": _int(model.get("AllocatedStorage")),
                    "BackupRetentionPeriod": _int(model.get("BackupRetentionPeriod")),
                    "DeletionProtection": _bool(model.get("DeletionProtection")),
                    "VpcSecurityGroupIds": model.get("VPCSecurityGroups"),
                    "MultiAZ": _bool(model.get("MultiAZ")),
                    "EngineVersion": model.get("EngineVersion"),
                    "ApplyImmediately": True,
                }
            )
        )
        return _ok(self._describe(rds, model))

    def delete(self, request: ResourceRequest[dict]) -> ProgressEvent[dict]:
        model = request.desired_state
        rds = request.aws_client_factory.rds
        in_cluster = bool(model.get("DBClusterIdentifier"))
        if _snapshot_on_delete(request, default_snapshot=not in_cluster) and not in_cluster:
            final = f"{model['DBInstanceIdentifier'][:40]}-final-{short_uid()}".lower()
            rds.delete_db_instance(DBInstanceIdentifier=model["DBInstanceIdentifier"], SkipFinalSnapshot=False, FinalDBSnapshotIdentifier=final)
        else:
            rds.delete_db_instance(DBInstanceIdentifier=model["DBInstanceIdentifier"], SkipFinalSnapshot=True)
        return _ok(model)


class DBClusterProvider(ResourceProvider[dict]):
    TYPE = "AWS::RDS::DBCluster"
    SCHEMA = _schema(
        TYPE,
        "DBClusterIdentifier",
        ["StorageEncrypted", "DBSystemId", "RestoreToTime", "EngineMode", "DBClusterIdentifier", "KmsKeyId",
         "DatabaseName", "DBSubnetGroupName", "SourceDBClusterIdentifier", "PubliclyAccessible", "SnapshotIdentifier",
         "RestoreType", "AvailabilityZones", "SourceRegion", "UseLatestRestorableTime", "ClusterScalabilityType",
         "SourceDbClusterResourceId"],
        ["Endpoint", "ReadEndpoint", "DBClusterArn"],
    )

    def create(self, request):
        model = request.desired_state
        rds = request.aws_client_factory.rds
        model.setdefault("DBClusterIdentifier", _default_name(request))
        rds.create_db_cluster(
            **_compact(
                {
                    "DBClusterIdentifier": model["DBClusterIdentifier"],
                    "Engine": model.get("Engine") or "aurora-postgresql",
                    "EngineVersion": model.get("EngineVersion"),
                    "MasterUsername": model.get("MasterUsername") or "admin",
                    "MasterUserPassword": None if _bool(model.get("ManageMasterUserPassword")) else model.get("MasterUserPassword") or PLACEHOLDER_PASSWORD,
                    "ManageMasterUserPassword": _bool(model.get("ManageMasterUserPassword")),
                    "DatabaseName": model.get("DatabaseName"),
                    "DBSubnetGroupName": model.get("DBSubnetGroupName"),
                    "VpcSecurityGroupIds": model.get("VpcSecurityGroupIds"),
                    "BackupRetentionPeriod": _int(model.get("BackupRetentionPeriod")),
                    "StorageEncrypted": _bool(model.get("StorageEncrypted")),
                    "KmsKeyId": model.get("KmsKeyId"),
                    "DeletionProtection": _bool(model.get("DeletionProtection")),
                    "Tags": _tags(model),
                }
            )
        )
        return _ok(self._describe(rds, model))

    def _describe(self, rds, model):
        c = rds.describe_db_clusters(DBClusterIdentifier=model["DBClusterIdentifier"])["DBClusters"][0]
        model["Endpoint"] = {"Address": c.get("Endpoint", ""), "Port": str(c.get("Port", ""))}
        model["ReadEndpoint"] = {"Address": c.get("ReaderEndpoint", "")}
        model["DBClusterArn"] = c.get("DBClusterArn")
        if c.get("MasterUserSecret"):
            model["MasterUserSecret"] = {**(model.get("MasterUserSecret") or {}), "SecretArn": c["MasterUserSecret"].get("SecretArn")}
        return model

    def read(self, request):
        return _ok(self._describe(request.aws_client_factory.rds, request.desired_state))

    def update(self, request):
        model = request.desired_state
        model["DBClusterIdentifier"] = (request.previous_state or {}).get("DBClusterIdentifier") or model.get("DBClusterIdentifier")
        rds = request.aws_client_factory.rds
        rds.modify_db_cluster(
            **_compact(
                {
                    "DBClusterIdentifier": model["DBClusterIdentifier"],
                    "BackupRetentionPeriod": _int(model.get("BackupRetentionPeriod")),
                    "DeletionProtection": _bool(model.get("DeletionProtection")),
                    "ApplyImmediately": True,
                }
            )
        )
        return _ok(self._describe(rds, model))

    def delete(self, request):
        model = request.desired_state
        rds = request.aws_client_factory.rds
        if _snapshot_on_delete(request, default_snapshot=True):
            final = f"{model['DBClusterIdentifier'][:40]}-final-{short_uid()}".lower()
            rds.delete_db_cluster(DBClusterIdentifier=model["DBClusterIdentifier"], SkipFinalSnapshot=False, FinalDBSnapshotIdentifier=final)
        else:
            rds.delete_db_cluster(DBClusterIdentifier=model["DBClusterIdentifier"], SkipFinalSnapshot=True)
        return _ok(model)


class DBSubnetGroupProvider(ResourceProvider[dict]):
    TYPE = "AWS::RDS::DBSubnetGroup"
    SCHEMA = _schema(TYPE, "DBSubnetGroupName", ["DBSubnetGroupName"])

    def create(self, request):
        model = request.desired_state
        model.setdefault("DBSubnetGroupName", _default_name(request))
        request.aws_client_factory.rds.create_db_subnet_group(
            DBSubnetGroupName=model["DBSubnetGroupName"],
            DBSubnetGroupDescription=model.get("DBSubnetGroupDescription") or model["DBSubnetGroupName"],
            SubnetIds=model.get("SubnetIds") or [],
            Tags=_tags(model),
        )
        return _ok(model)

    def read(self, request):
        return _ok(request.desired_state)

    def update(self, request):
        model = request.desired_state
        previous = request.previous_state or {}
        model["DBSubnetGroupName"] = previous.get("DBSubnetGroupName") or model.get("DBSubnetGroupName")
        if previous.get("SubnetIds") == model.get("SubnetIds") and previous.get("DBSubnetGroupDescription") == model.get("DBSubnetGroupDescription"):
            return _ok(model)
        request.aws_client_factory.rds.modify_db_subnet_group(
            DBSubnetGroupName=model["DBSubnetGroupName"],
            DBSubnetGroupDescription=model.get("DBSubnetGroupDescription") or model["DBSubnetGroupName"],
            SubnetIds=model.get("SubnetIds") or [],
        )
        return _ok(model)

    def delete(self, request):
        request.aws_client_factory.rds.delete_db_subnet_group(DBSubnetGroupName=request.desired_state["DBSubnetGroupName"])
        return _ok(request.desired_state)


class _ParameterGroupProvider(ResourceProvider[dict]):
    NAME = ""
    CREATE = ""
    DELETE = ""

    def create(self, request):
        model = request.desired_state
        model.setdefault(self.NAME, _default_name(request))
        getattr(request.aws_client_factory.rds, self.CREATE)(
            **{self.NAME: model[self.NAME], "DBParameterGroupFamily": model.get("Family") or "postgres16", "Description": model.get("Description") or model[self.NAME], "Tags": _tags(model)}
        )
        return _ok(model)

    def read(self, request):
        return _ok(request.desired_state)

    def update(self, request):
        model = request.desired_state
        model[self.NAME] = (request.previous_state or {}).get(self.NAME) or model.get(self.NAME)
        return _ok(model)

    def delete(self, request):
        getattr(request.aws_client_factory.rds, self.DELETE)(**{self.NAME: request.desired_state[self.NAME]})
        return _ok(request.desired_state)


class DBParameterGroupProvider(_ParameterGroupProvider):
    TYPE = "AWS::RDS::DBParameterGroup"
    NAME = "DBParameterGroupName"
    CREATE = "create_db_parameter_group"
    DELETE = "delete_db_parameter_group"
    SCHEMA = _schema(TYPE, NAME, ["DBParameterGroupName", "Description", "Family"])


class DBClusterParameterGroupProvider(_ParameterGroupProvider):
    TYPE = "AWS::RDS::DBClusterParameterGroup"
    NAME = "DBClusterParameterGroupName"
    CREATE = "create_db_cluster_parameter_group"
    DELETE = "delete_db_cluster_parameter_group"
    SCHEMA = _schema(TYPE, NAME, ["Description", "Family", "DBClusterParameterGroupName"])


def _plugin(provider: type[ResourceProvider]) -> type[CloudFormationResourceProviderPlugin]:
    class _Plugin(CloudFormationResourceProviderPlugin):
        name = provider.TYPE

        def __init__(self):
            self.factory = None

        def load(self):
            self.factory = provider

    _Plugin.__name__ = f"{provider.__name__}Plugin"
    return _Plugin


DBInstancePlugin = _plugin(DBInstanceProvider)
DBClusterPlugin = _plugin(DBClusterProvider)
DBSubnetGroupPlugin = _plugin(DBSubnetGroupProvider)
DBParameterGroupPlugin = _plugin(DBParameterGroupProvider)
DBClusterParameterGroupPlugin = _plugin(DBClusterParameterGroupProvider)
