"""AWS services answered entirely by moto inside LocalStack (no download, no Java, no Docker)."""

from localstack.services.plugins import Service, aws_provider


class MotoOnlyProvider:
    """A provider with no code of its own: every operation of the service goes to moto."""

    def __init__(self, service: str):
        self.service = service


def _moto_dispatch_table(provider: MotoOnlyProvider):
    from localstack.aws.spec import load_service
    from localstack.services.moto import dispatch_to_moto

    def handler(context, _request):
        return dispatch_to_moto(context)

    return {name: handler for name in load_service(provider.service).operation_names}


def _moto_service(name: str) -> Service:
    return Service.for_provider(MotoOnlyProvider(name), dispatch_table_factory=_moto_dispatch_table)


@aws_provider(api="dynamodb", name="moto")
def dynamodb():
    return _moto_service("dynamodb")


@aws_provider(api="dynamodbstreams", name="moto")
def dynamodbstreams():
    return _moto_service("dynamodbstreams")


@aws_provider(api="rds", name="moto")
def rds():
    return _moto_service("rds")


@aws_provider(api="ecs", name="moto")
def ecs():
    return _moto_service("ecs")


@aws_provider(api="elbv2", name="moto")
def elbv2():
    return _moto_service("elbv2")
