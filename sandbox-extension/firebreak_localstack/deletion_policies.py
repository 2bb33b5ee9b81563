"""The DeletionPolicy / UpdateReplacePolicy of each resource the CloudFormation engine removes.

LocalStack 4.14 honours only Retain and hands every other removal to the resource provider
without saying which policy applies. RDS needs it: AWS's default for AWS::RDS::DBInstance (outside
a cluster) and AWS::RDS::DBCluster is Snapshot, a final snapshot taken before the delete.
"""

import threading

_policies: dict[tuple[str, str], str | None] = {}
_lock = threading.Lock()


def record(stack_id: str, logical_id: str, policy: str | None) -> None:
    with _lock:
        _policies[(stack_id, logical_id)] = policy


def policy_of(stack_id: str, logical_id: str) -> str | None:
    with _lock:
        return _policies.get((stack_id, logical_id))


def install() -> None:
    """Wraps the v2 executor so that each removal's applicable policy is recorded first."""
    from localstack.services.cloudformation.engine.v2.change_set_model_executor import ChangeSetModelExecutor
    from localstack.services.cloudformation.engine.v2.change_set_model import is_nothing

    original = ChangeSetModelExecutor._execute_resource_change
    if getattr(original, "_firebreak", False):
        return

    def _execute_resource_change(self, name, before, after):
        try:
            stack_id = self._change_set.stack.stack_id
            if not is_nothing(before) and not is_nothing(after) and getattr(after, "requires_replacement", False):
                record(stack_id, name, _value(after.update_replace_policy, is_nothing))
            elif not is_nothing(before) and is_nothing(after):
                record(stack_id, name, _value(before.deletion_policy, is_nothing))
        except Exception:  # never break the engine for bookkeeping
            pass
        return original(self, name, before, after)

    _execute_resource_change._firebreak = True
    ChangeSetModelExecutor._execute_resource_change = _execute_resource_change


def _value(policy, is_nothing) -> str | None:
    if policy is None or is_nothing(policy):
        return None
    return str(getattr(policy, "value", policy)) or None
