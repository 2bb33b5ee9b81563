"""LocalStack hooks: containment before the runtime exists, AWS behaviour once services load."""

import logging

from localstack.runtime import hooks

LOG = logging.getLogger("firebreak")


@hooks.on_runtime_create(priority=1000)
def contain():
    from . import containment

    containment.apply()
    LOG.info("Firebreak: loopback-only containment applied")


@hooks.on_infra_start(priority=1000)
def aws_behaviour():
    import os

    from . import aws_behaviour as behaviour
    from . import deletion_policies, stand_ins, status_route

    deletion_policies.install()
    behaviour.install()
    if os.environ.get("FIREBREAK_STAND_IN_CODE", "1") != "0":
        stand_ins.install()
        status_route.APPLIED.append("lambda-stand-in-code")
    status_route.install()
