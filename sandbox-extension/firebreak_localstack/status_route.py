"""GET /_firebreak/status: which extension version runs and what it changed (for Firebreak to check)."""

import os

from rolo import Request, route

from . import VERSION

APPLIED: list[str] = []


class StatusEndpoint:
    @route("/_firebreak/status", methods=["GET"])
    def status(self, request: Request):
        import socket

        return {
            "extension": "firebreak-localstack",
            "version": VERSION,
            "contained": bool(getattr(socket, "_firebreak_contained", False)),
            "lambdaExecutor": os.environ.get("LAMBDA_RUNTIME_EXECUTOR", ""),
            "applied": APPLIED,
            "standInCode": stand_in_code(),
            "cloudformationTypes": cloudformation_types(),
        }


def stand_in_code() -> list[str]:
    from . import stand_ins

    return list(stand_ins.STAND_INS)


def cloudformation_types() -> list[str]:
    """Resource types LocalStack can deploy here (it has a provider plugin for them)."""
    from plux import PluginManager

    from localstack.services.cloudformation.resource_provider import CloudFormationResourceProviderPlugin

    try:
        return sorted(PluginManager(CloudFormationResourceProviderPlugin.namespace).list_names())
    except Exception:
        return []


def install() -> None:
    from localstack.services.edge import ROUTER

    ROUTER.add(StatusEndpoint())
