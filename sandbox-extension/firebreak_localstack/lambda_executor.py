"""A Lambda runtime executor that never starts a container.

Preparing a function version does nothing, so CreateFunction (and CloudFormation) see the function
reach Active without Docker; the twin observes functions being created, changed and deleted.
Invoking one fails plainly: the sandbox never runs function code.
"""

from localstack.services.lambda_.invocation.plugins import RuntimeExecutorPlugin
from localstack.services.lambda_.invocation.runtime_executor import LambdaRuntimeException, RuntimeExecutor

NOT_RUN = "Firebreak's sandbox does not run Lambda function code"


class NoContainerExecutor(RuntimeExecutor):
    def start(self, env_vars):
        raise LambdaRuntimeException(NOT_RUN)

    def stop(self):
        pass

    def get_address(self):
        return "127.0.0.1"

    def get_endpoint_from_executor(self):
        return "127.0.0.1"

    def get_runtime_endpoint(self):
        return "http://127.0.0.1:0/_localstack_lambda/firebreak-not-run"

    def invoke(self, payload):
        raise LambdaRuntimeException(NOT_RUN)

    def get_logs(self):
        return ""

    @classmethod
    def prepare_version(cls, function_version):
        pass

    @classmethod
    def cleanup_version(cls, function_version):
        pass

    @classmethod
    def validate_environment(cls):
        return True


class NoContainerExecutorPlugin(RuntimeExecutorPlugin):
    name = "no-container"

    def load(self, *args, **kwargs):
        return NoContainerExecutor
