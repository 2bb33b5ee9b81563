"""Where LocalStack 4.14 differs from AWS's documented behaviour in ways the sandbox must not hide.

Each fix is small, applied to LocalStack's own classes at start, and proven by a test in
Firebreak (test/sandbox/extension.integration.test.ts) that shows the AWS behaviour.
"""

import logging

from .status_route import APPLIED

LOG = logging.getLogger("firebreak")


def install() -> None:
    for name, fix in (
        ("cloudformation-security-group-rules", _security_group_rules),
        ("iam-delete-user-conflict", _iam_delete_user_conflict),
        ("cloudformation-iam-user-cleanup", _cfn_iam_user_cleanup),
        ("cloudformation-replacement-keeps-new-resource", _replacement_keeps_new_resource),
        ("cloudformation-create-only-change-replaces", _create_only_change_replaces),
        ("cloudformation-iam-role-update", _iam_role_update),
        ("cloudformation-alarm-update", _alarm_update),
        ("cloudformation-bucket-delete-refuses-contents", _bucket_delete_refuses_contents),
        ("cloudformation-delete-failed-keeps-stack", _delete_failed_keeps_stack),
        ("rds-modify-db-subnet-group-keeps-group", _modify_db_subnet_group_keeps_group),
    ):
        try:
            fix()
            APPLIED.append(name)
        except Exception:
            LOG.exception("Firebreak: could not apply %s", name)


# --- AWS::EC2::SecurityGroup: SecurityGroupIngress / SecurityGroupEgress on create and update ----------


def _port(value):
    return None if value is None or str(value) == "" else int(value)


def _permission(rule: dict, egress: bool) -> dict:
    protocol = str(rule.get("IpProtocol", "-1")).lower()
    protocol = "-1" if protocol in ("all", "-1") else protocol
    permission: dict = {"IpProtocol": protocol}
    if protocol != "-1":
        from_port, to_port = _port(rule.get("FromPort")), _port(rule.get("ToPort"))
        if from_port is not None:
            permission["FromPort"] = from_port
        if to_port is not None:
            permission["ToPort"] = to_port
    description = {"Description": rule["Description"]} if rule.get("Description") else {}
    if rule.get("CidrIp"):
        permission["IpRanges"] = [{"CidrIp": rule["CidrIp"], **description}]
    if rule.get("CidrIpv6"):
        permission["Ipv6Ranges"] = [{"CidrIpv6": rule["CidrIpv6"], **description}]
    group = rule.get("DestinationSecurityGroupId" if egress else "SourceSecurityGroupId")
    if group:
        pair = {"GroupId": group, **description}
        if not egress and rule.get("SourceSecurityGroupOwnerId"):
            pair["UserId"] = str(rule["SourceSecurityGroupOwnerId"])
        permission["UserIdGroupPairs"] = [pair]
    elif not egress and rule.get("SourceSecurityGroupName"):
        permission["UserIdGroupPairs"] = [{"GroupName": rule["SourceSecurityGroupName"], **description}]
    prefix = rule.get("DestinationPrefixListId" if egress else "SourcePrefixListId")
    if prefix:
        permission["PrefixListIds"] = [{"PrefixListId": prefix, **description}]
    return permission


def _strip(permission: dict) -> dict:
    """A permission as DescribeSecurityGroups returns it, without ids and empty lists."""
    out = {"IpProtocol": permission.get("IpProtocol")}
    for key in ("FromPort", "ToPort"):
        if permission.get("IpProtocol") != "-1" and permission.get(key) is not None:
            out[key] = permission[key]
    for key in ("IpRanges", "Ipv6Ranges", "PrefixListIds"):
        if permission.get(key):
            out[key] = permission[key]
    if permission.get("UserIdGroupPairs"):
        out["UserIdGroupPairs"] = [{k: v for k, v in p.items() if k in ("GroupId", "GroupName", "Description")} for p in permission["UserIdGroupPairs"]]
    return out


def _split(permissions: list[dict]) -> list[dict]:
    """One permission per source, so that sets can be compared rule by rule."""
    out = []
    for p in permissions:
        base = {k: v for k, v in _strip(p).items() if k not in ("IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs")}
        for key in ("IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"):
            for entry in _strip(p).get(key, []):
                out.append({**base, key: [entry]})
    return out


def _key(permission: dict) -> str:
    import json

    def no_description(value):
        if isinstance(value, list):
            return [no_description(v) for v in value]
        if isinstance(value, dict):
            return {k: no_description(v) for k, v in sorted(value.items()) if k != "Description"}
        return value

    return json.dumps(no_description(permission), sort_keys=True)


ALLOW_ALL_EGRESS = {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}


def _desired_rules(model: dict, egress: bool, in_vpc: bool) -> list[dict]:
    rules = model.get("SecurityGroupEgress" if egress else "SecurityGroupIngress") or []
    desired = _split([_permission(r, egress) for r in rules])
    if egress and not rules and in_vpc:
        desired = [ALLOW_ALL_EGRESS]  # AWS keeps the default egress rule when none is given
    return desired


def sync_rules(ec2, group_id: str, model: dict) -> None:
    """Makes the group's rules exactly the template's, as CloudFormation does on create and update."""
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    in_vpc = bool(group.get("VpcId"))
    for egress in (False, True):
        if egress and not in_vpc:
            continue  # EC2-Classic style groups have no egress rules
        current = _split(group.get("IpPermissionsEgress" if egress else "IpPermissions") or [])
        desired = _desired_rules(model, egress, in_vpc)
        current_keys = {_key(p): p for p in current}
        desired_keys = {_key(p): p for p in desired}
        stale = [p for k, p in current_keys.items() if k not in desired_keys]
        missing = [p for k, p in desired_keys.items() if k not in current_keys]
        if egress:
            if stale:
                ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=stale)
            if missing:
                ec2.authorize_security_group_egress(GroupId=group_id, IpPermissions=missing)
        else:
            if stale:
                ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=stale)
            if missing:
                ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=missing)


def _security_group_rules() -> None:
    from localstack.services.cloudformation.resource_provider import OperationStatus, ProgressEvent
    from localstack.services.ec2.resource_providers.aws_ec2_securitygroup import EC2SecurityGroupProvider

    original_create = EC2SecurityGroupProvider.create

    def create(self, request):
        event = original_create(self, request)
        if event.status == OperationStatus.SUCCESS:
            model = event.resource_model
            sync_rules(request.aws_client_factory.ec2, model["GroupId"], request.desired_state)
        return event

    def update(self, request):
        model = request.desired_state
        previous = request.previous_state or {}
        for key in ("GroupId", "Id"):
            if previous.get(key) and not model.get(key):
                model[key] = previous[key]
        ec2 = request.aws_client_factory.ec2
        sync_rules(ec2, model["GroupId"], model)
        tags = [t for t in model.get("Tags") or [] if not str(t.get("Key", "")).startswith("aws:")]
        if tags:
            ec2.create_tags(Resources=[model["GroupId"]], Tags=tags)
        return ProgressEvent(status=OperationStatus.SUCCESS, resource_model=model)

    EC2SecurityGroupProvider.create = create
    EC2SecurityGroupProvider.update = update


# --- IAM DeleteUser: DeleteConflict while anything still refers to the user ------------------------


def user_conflict(backend, user_name: str) -> str | None:
    """The first thing AWS requires removed before DeleteUser ("Deleting an IAM user (AWS API)"),
    worded as AWS's DeleteConflict messages are."""
    user = backend.users.get(user_name)
    if not user:
        return None
    checks = (
        (getattr(user, "password", None), "must delete login profile first"),
        (user.access_keys, "must delete access keys first"),
        (user.signing_certificates, "must delete signing certificates first"),
        (user.ssh_public_keys, "must delete SSH public keys first"),
        (getattr(user, "service_specific_credentials", None), "must delete service specific credentials first"),
        (user.mfa_devices, "must delete MFA device first"),
        (user.policies, "must delete policies first"),
        (user.managed_policies, "must detach all policies first"),
        (any(user in group.users for group in backend.groups.values()), "must remove users from group first"),
    )
    for present, message in checks:
        if present:
            return f"Cannot delete entity, {message}."
    return None


def _iam_delete_user_conflict() -> None:
    from localstack.aws.api.iam import DeleteConflictException
    from localstack.services.iam.provider import IamProvider, get_iam_backend

    original = IamProvider.delete_user

    def delete_user(self, context, user_name, **kwargs):
        conflict = user_conflict(get_iam_backend(context), user_name)
        if conflict:
            raise DeleteConflictException(conflict)
        return original(self, context, user_name, **kwargs)

    # keep the @handler marker so LocalStack's dispatch table still finds the operation
    for attr in ("operation", "expand_parameters", "pass_context"):
        if hasattr(original, attr):
            setattr(delete_user, attr, getattr(original, attr))
    IamProvider.delete_user = delete_user


def _cfn_iam_user_cleanup() -> None:
    """CloudFormation's own AWS::IAM::User handler removes what the template attached (login profile,
    managed and inline policies, groups) before DeleteUser; anything else still blocks the delete."""
    from localstack.services.iam.resource_providers.aws_iam_user import IAMUserProvider

    original = IAMUserProvider.delete

    def delete(self, request):
        iam = request.aws_client_factory.iam
        model = request.desired_state
        name = model.get("Id") or model.get("UserName")
        calls = [
            lambda: iam.delete_login_profile(UserName=name) if model.get("LoginProfile") else None,
            *[(lambda arn=arn: iam.detach_user_policy(UserName=name, PolicyArn=arn)) for arn in model.get("ManagedPolicyArns") or []],
            *[(lambda p=p: iam.delete_user_policy(UserName=name, PolicyName=p["PolicyName"])) for p in model.get("Policies") or []],
            *[(lambda g=g: iam.remove_user_from_group(UserName=name, GroupName=g)) for g in model.get("Groups") or []],
        ]
        for call in calls:
            try:
                call()
            except Exception as e:  # already gone
                LOG.debug("Firebreak: cleanup before deleting IAM user %s: %s", name, e)
        return original(self, request)

    IAMUserProvider.delete = delete


# --- CloudFormation replacement ------------------------------------------------------------------


def _replaced_in(executor) -> set:
    replaced = getattr(executor, "_firebreak_replaced", None)
    if replaced is None:
        replaced = set()
        executor._firebreak_replaced = replaced
    return replaced


def _replacement_keeps_new_resource() -> None:
    """After a replacement AWS lists the logical id with the NEW physical id (UPDATE_COMPLETE); the
    old one's DELETE_* events are history. LocalStack's cleanup step marks the logical id deleted,
    which drops the new resource from ListStackResources."""
    from localstack.aws.api.cloudformation import ChangeAction
    from localstack.services.cloudformation.engine.v2.change_set_model import is_nothing
    from localstack.services.cloudformation.engine.v2.change_set_model_executor import ChangeSetModelExecutor

    original_change = ChangeSetModelExecutor._execute_resource_change
    original_event = ChangeSetModelExecutor._process_event

    def _execute_resource_change(self, name, before, after):
        if not is_nothing(before) and not is_nothing(after) and getattr(after, "requires_replacement", False):
            _replaced_in(self).add(name)
        return original_change(self, name, before, after)

    def _process_event(self, *, action, logical_resource_id, **kwargs):
        if action != ChangeAction.Remove or logical_resource_id not in _replaced_in(self):
            return original_event(self, action=action, logical_resource_id=logical_resource_id, **kwargs)
        states = self._change_set.stack.resource_states
        kept = states.get(logical_resource_id)
        result = original_event(self, action=action, logical_resource_id=logical_resource_id, **kwargs)
        if kept is not None:
            states[logical_resource_id] = kept
        return result

    ChangeSetModelExecutor._execute_resource_change = _execute_resource_change
    ChangeSetModelExecutor._process_event = _process_event


def _resolved(value) -> bool:
    """False for a value still holding a dynamic reference ({{resolve:...}}): LocalStack keeps those
    unresolved in the previous state, so they cannot be compared with a resolved new value."""
    import json

    return "{{resolve:" not in json.dumps(value, default=str)


def _plain(value):
    """Scalars as strings: "300" and 300 are the same template value."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value).lower() if isinstance(value, bool) else str(value)


def _create_only_change_replaces() -> None:
    """AWS replaces a resource when the RESOLVED value of a create-only property changes, e.g. a
    Lambda event source mapping whose EventSourceArn is the StreamArn of a table being replaced.
    LocalStack decides replacement from the template text only, so such a change was skipped."""
    from localstack.services.cloudformation.engine.v2.change_set_model import is_nothing
    from localstack.services.cloudformation.engine.v2.change_set_model_executor import ChangeSetModelExecutor
    from localstack.services.cloudformation.resource_provider import ResourceProviderExecutor

    original = ChangeSetModelExecutor._execute_resource_change

    def _execute_resource_change(self, name, before, after):
        try:
            if (
                not is_nothing(before)
                and not is_nothing(after)
                and before.resource_type == after.resource_type
                and not after.requires_replacement
            ):
                provider = ResourceProviderExecutor.try_load_resource_provider(after.resource_type)
                create_only = [p.replace("/properties/", "", 1) for p in (provider.SCHEMA.get("createOnlyProperties", []) if provider else [])]
                old = (before.properties.properties if before.properties else None) or {}
                new = (after.properties.properties if after.properties else None) or {}
                changed = [p for p in create_only if p in old and p in new and _resolved(old[p]) and _resolved(new[p]) and _plain(old[p]) != _plain(new[p])]
                if changed:
                    LOG.info("Firebreak: %s is replaced: create-only %s resolves to a new value (%s -> %s)", name, changed[0], old[changed[0]], new[changed[0]])
                    after.requires_replacement = True
        except Exception:
            LOG.debug("Firebreak: replacement check for %s failed", name, exc_info=True)
        return original(self, name, before, after)

    ChangeSetModelExecutor._execute_resource_change = _execute_resource_change


# --- CloudFormation updates LocalStack leaves undone ------------------------------------------------


def _iam_role_update() -> None:
    """AWS::IAM::Role updates change inline policies, managed policy attachments, the trust policy and
    the description in place. LocalStack ignored inline policy changes (a replaced table's new ARN
    never reached the role's policy) and re-created the role for the rest."""
    import json

    from localstack.services.cloudformation.resource_provider import OperationStatus, ProgressEvent
    from localstack.services.iam.resource_providers.aws_iam_role import IAMRoleProvider

    def document(value) -> str:
        return value if isinstance(value, str) else json.dumps(value)

    def update(self, request):
        model = request.desired_state
        previous = request.previous_state or {}
        iam = request.aws_client_factory.iam
        name = previous["RoleName"]
        model["RoleName"] = name
        for key in ("Arn", "RoleId"):
            if previous.get(key):
                model[key] = previous[key]
        if model.get("AssumeRolePolicyDocument") and model["AssumeRolePolicyDocument"] != previous.get("AssumeRolePolicyDocument"):
            iam.update_assume_role_policy(RoleName=name, PolicyDocument=document(model["AssumeRolePolicyDocument"]))
        if model.get("Description", "") != previous.get("Description", ""):
            iam.update_role(RoleName=name, Description=model.get("Description", ""))
        old_arns, new_arns = set(previous.get("ManagedPolicyArns") or []), set(model.get("ManagedPolicyArns") or [])
        for arn in old_arns - new_arns:
            iam.detach_role_policy(RoleName=name, PolicyArn=arn)
        for arn in new_arns - old_arns:
            iam.attach_role_policy(RoleName=name, PolicyArn=arn)
        old_inline = {p["PolicyName"]: p for p in previous.get("Policies") or [] if isinstance(p, dict)}
        new_inline = {p["PolicyName"]: p for p in model.get("Policies") or [] if isinstance(p, dict)}
        for policy_name in old_inline.keys() - new_inline.keys():
            iam.delete_role_policy(RoleName=name, PolicyName=policy_name)
        for policy_name, policy in new_inline.items():
            if old_inline.get(policy_name) != policy:
                doc = dict(policy["PolicyDocument"])
                doc.setdefault("Version", "2012-10-17")
                iam.put_role_policy(RoleName=name, PolicyName=policy_name, PolicyDocument=json.dumps(doc))
        return ProgressEvent(status=OperationStatus.SUCCESS, resource_model=model)

    IAMRoleProvider.update = update


def _alarm_update() -> None:
    """AWS::CloudWatch::Alarm updates are PutMetricAlarm on the same name (not implemented in LocalStack:
    the alarm silently kept its old dimensions)."""
    from localstack.services.cloudwatch.resource_providers.aws_cloudwatch_alarm import CloudWatchAlarmProvider

    def update(self, request):
        previous = request.previous_state or {}
        request.desired_state["AlarmName"] = previous.get("AlarmName") or request.desired_state.get("AlarmName")
        return self.create(request)

    CloudWatchAlarmProvider.update = update


def _bucket_delete_refuses_contents() -> None:
    """CloudFormation cannot delete a bucket that holds objects: the delete fails (DELETE_FAILED) and the
    objects survive. LocalStack emptied the bucket first ("divergence from how AWS deals with bucket
    deletes" in its own source), which would hide the refusal and lose the data in the twin."""
    from localstack.services.cloudformation.resource_provider import OperationStatus, ProgressEvent
    from localstack.services.s3.resource_providers.aws_s3_bucket import S3BucketProvider

    def delete(self, request):
        model = request.desired_state
        s3 = request.aws_client_factory.s3
        try:
            s3.delete_bucket(Bucket=model["BucketName"])
        except s3.exceptions.ClientError as e:
            if "NoSuchBucket" not in str(e):
                raise
        return ProgressEvent(status=OperationStatus.SUCCESS, resource_model=model, custom_context=request.custom_context)

    S3BucketProvider.delete = delete


def _delete_failed_keeps_stack() -> None:
    """How a failed stack operation ends, as in AWS:
    - a delete that cannot delete a resource ends in DELETE_FAILED and keeps the stack (and that
      resource); LocalStack logged the failure and reported DELETE_COMPLETE;
    - a failed create rolls back: what it created is deleted, the stack ends in ROLLBACK_COMPLETE;
    - a failed update rolls back (UPDATE_ROLLBACK_COMPLETE) and never runs its clean-up step, so the
      resources it was replacing or removing are NOT deleted; LocalStack ran the clean-up (deleting
      them) and reported ROLLBACK_COMPLETE. What the update changed before failing is not reverted
      in the twin (AWS would revert it); the sandbox reports the update as failed."""
    from localstack.aws.api.cloudformation import ChangeAction, StackStatus
    from localstack.services.cloudformation.engine.v2.change_set_model_executor import (
        ChangeSetModelExecutor,
        ChangeSetModelExecutorResult,
        TriggerRollback,
    )
    from localstack.services.cloudformation.engine.v2.change_set_model_preproc import PreprocProperties
    from localstack.services.cloudformation.resource_provider import OperationStatus

    original_event = ChangeSetModelExecutor._process_event

    def _process_event(self, *, event_status, **kwargs):
        if event_status != OperationStatus.FAILED:
            return original_event(self, event_status=event_status, **kwargs)
        self._firebreak_failed = True
        # LocalStack gives the stack the failed resource's status at once (DELETE_FAILED) while the
        # other resources are still being worked on; AWS keeps *_IN_PROGRESS until the operation
        # ends. A terminal status too early ends every wait on the stack half way through.
        stack = self._change_set.stack
        before = stack.status
        result = original_event(self, event_status=event_status, **kwargs)
        if str(before).endswith("_IN_PROGRESS"):
            stack.status = before
        return result

    def execute(self):
        stack = self._change_set.stack
        stack._firebreak_rolled_back = False
        creating = stack.status in (StackStatus.CREATE_IN_PROGRESS, StackStatus.REVIEW_IN_PROGRESS)
        failure_message = None
        try:
            self.process()
        except TriggerRollback as e:
            failure_message = e.reason
        except Exception as e:
            failure_message = str(e)
        is_deletion = stack.status == StackStatus.DELETE_IN_PROGRESS
        if failure_message and not is_deletion:
            if creating:
                stack.set_stack_status(StackStatus.ROLLBACK_IN_PROGRESS)
                for logical_id, resource in reversed(list(self.resources.items())):
                    if str(resource.get("ResourceStatus", "")).endswith("_COMPLETE") and resource.get("PhysicalResourceId"):
                        try:
                            self._execute_resource_action(
                                action=ChangeAction.Remove,
                                logical_resource_id=logical_id,
                                resource_type=resource["Type"],
                                before_properties=PreprocProperties(properties=resource.get("Properties") or {}),
                                after_properties=None,
                            )
                            stack.set_resource_status(logical_resource_id=logical_id, physical_resource_id=resource.get("PhysicalResourceId"), resource_type=resource["Type"], status="DELETE_COMPLETE")
                        except Exception:
                            LOG.debug("Firebreak: rollback could not delete %s", logical_id, exc_info=True)
                stack.set_stack_status(StackStatus.ROLLBACK_COMPLETE)
                stack._firebreak_rolled_back = True
            else:
                stack.set_stack_status(StackStatus.UPDATE_ROLLBACK_IN_PROGRESS)
                stack.set_stack_status(StackStatus.UPDATE_ROLLBACK_COMPLETE)
                stack._firebreak_rolled_back = True
            return ChangeSetModelExecutorResult(resources=self.resources, outputs=self.outputs, failure_message=failure_message)
        if self._deferred_actions:
            if not is_deletion:
                stack.set_stack_status(StackStatus.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS)
            for deferred in self._deferred_actions[::-1]:
                deferred.action()
        name = str(getattr(self._change_set, "change_set_name", "") or "")
        if getattr(self, "_firebreak_failed", False) and name.startswith("delete-stack_"):
            raise RuntimeError("a resource could not be deleted (see the stack events)")
        return ChangeSetModelExecutorResult(resources=self.resources, outputs=self.outputs, failure_message=failure_message)

    ChangeSetModelExecutor._process_event = _process_event
    ChangeSetModelExecutor.execute = execute

    # A failed resource says why in its stack event (BucketNotEmpty), not only "Failed to delete".
    original_action = ChangeSetModelExecutor._execute_resource_action

    def _execute_resource_action(self, *args, **kwargs):
        event = original_action(self, *args, **kwargs)
        exception = (event.custom_context or {}).get("exception") if event.status == OperationStatus.FAILED else None
        if exception is not None and str(exception) not in (event.message or ""):
            event.message = f"{event.message}: {exception}" if event.message else str(exception)
        return event

    ChangeSetModelExecutor._execute_resource_action = _execute_resource_action

    # CreateStack's / UpdateStack's worker sets a final status after the executor returns; a rolled-back stack keeps its rollback status.
    from localstack.services.cloudformation.v2.entities import Stack

    original_status = Stack.set_stack_status

    def set_stack_status(self, status, reason=None):
        if getattr(self, "_firebreak_rolled_back", False) and str(status) in ("CREATE_FAILED", "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_FAILED"):
            return
        return original_status(self, status, reason)

    Stack.set_stack_status = set_stack_status


def _modify_db_subnet_group_keeps_group() -> None:
    """moto's ModifyDBSubnetGroup removed the group it modified (it pops it and never puts it back)."""
    from moto.rds.models import RDSBackend

    original = RDSBackend.modify_db_subnet_group

    def modify_db_subnet_group(self, subnet_name, description, subnets):
        group = original(self, subnet_name, description, subnets)
        self.subnet_groups[subnet_name] = group
        return group

    RDSBackend.modify_db_subnet_group = modify_db_subnet_group
