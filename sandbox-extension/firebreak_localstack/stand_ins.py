"""Stand-ins for what a template references outside the twin.

A Lambda function's code usually lives in an artifacts bucket of the production account, which the
twin does not hold. When LocalStack cannot read a code object, a small placeholder archive stands
in for it: deterministic per bucket/key/version, so a changed code location still changes the
function's CodeSha256 (the twin observes the code change). The function never runs in the sandbox.
"""

import hashlib
import io
import logging
import zipfile

LOG = logging.getLogger("firebreak")

STAND_INS: list[str] = []


def placeholder_archive(bucket: str, key: str, version: str | None) -> bytes:
    location = f"s3://{bucket}/{key}" + (f"?versionId={version}" if version else "")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("FIREBREAK_STAND_IN.txt", date_time=(2020, 1, 1, 0, 0, 0))
        archive.writestr(info, f"Firebreak sandbox stand-in for {location}\nsha256:{hashlib.sha256(location.encode()).hexdigest()}\n")
    return buffer.getvalue()


def install() -> None:
    from localstack.aws.connect import connect_to
    from localstack.services.lambda_ import provider
    from localstack.services.lambda_.invocation import lambda_service

    original = lambda_service.store_s3_bucket_archive

    def store_s3_bucket_archive(archive_bucket, archive_key, archive_version, function_name, region_name, account_id):
        s3 = connect_to().s3
        try:
            s3.head_object(Bucket=archive_bucket, Key=archive_key, **({"VersionId": archive_version} if archive_version else {}))
        except Exception:
            location = f"s3://{archive_bucket}/{archive_key}"
            LOG.info("Firebreak: stand-in code for %s (not in the twin)", location)
            if location not in STAND_INS:
                STAND_INS.append(location)
            return lambda_service.store_lambda_archive(
                placeholder_archive(archive_bucket, archive_key, archive_version), function_name=function_name, region_name=region_name, account_id=account_id
            )
        return original(archive_bucket, archive_key, archive_version, function_name, region_name, account_id)

    lambda_service.store_s3_bucket_archive = store_s3_bucket_archive
    provider.store_s3_bucket_archive = store_s3_bucket_archive
