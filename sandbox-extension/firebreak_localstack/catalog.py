"""What LocalStack supports, answered from what runs here (offline).

LocalStack's CloudFormation engine checks every resource type against a catalog before it deploys.
Its default catalog downloads the latest support data from the internet; offline it falls back to a
catalog that knows nothing and calls every type unsupported. The loader asks for this plugin name
first; this catalog says a type is available exactly when a resource provider for it is loaded.
"""

from localstack.utils.catalog.catalog import CatalogPlugin
from localstack.utils.catalog.common import CloudFormationResourcesSupportAtRuntime


class OfflineCatalog(CatalogPlugin):
    name = "aws-catalog-remote-state-with-license"

    def __init__(self):
        self._available = None

    def get_aws_service_status(self, service_name, operation_name=None):
        return None

    def get_cloudformation_resource_status(self, resource_name, service_name, is_pro_resource=False):
        if self._available is None:
            self._available = self._get_cfn_resources_available_at_runtime()
        if resource_name in self._available:
            return CloudFormationResourcesSupportAtRuntime.AVAILABLE
        return CloudFormationResourcesSupportAtRuntime.NOT_IMPLEMENTED
