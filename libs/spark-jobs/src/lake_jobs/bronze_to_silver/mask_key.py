"""The key of the ``hash`` mask: where a run gets it, read once per run.

- On AWS (Glue): the job argument ``--mask-key-secret-id <Secrets Manager secret ARN or name>``; the secret's
  ``SecretString`` (or ``SecretBinary``) is the key. The client takes its endpoint and region from the
  environment, as boto3 does, so tests point it at a local server.
- Locally: the environment variable ``LAKE_MASK_KEY``. The demo sets :data:`DEMO_MASK_KEY` when it is unset.

A key shorter than :data:`MIN_KEY_BYTES` is refused: HMAC-SHA-256 is only as strong as its key, and a short
one could be guessed from a few known (name, masked value) pairs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from lake_jobs.common.errors import JobFailed

SECRET_ARG = "mask-key-secret-id"
KEY_ENV = "LAKE_MASK_KEY"
MIN_KEY_BYTES = 32
# Only for the local demo and the tests, never a deployed run (those read their key from Secrets Manager).
DEMO_MASK_KEY = "lake-demo-mask-key-not-for-real-data-0001"


class MaskKeyError(JobFailed):
    pass


def mask_key(
    secret_id: str | None, environ: Mapping[str, str] | None = None, client: Any | None = None
) -> bytes:
    """The key from the secret ``secret_id`` when given, else from ``LAKE_MASK_KEY``.

    ``client`` is a Secrets Manager client (boto3's, created here when not given)."""
    if secret_id:
        key = _secret_value(secret_id, client)
        where = f"secret {secret_id!r} (--{SECRET_ARG})"
    else:
        text = (os.environ if environ is None else environ).get(KEY_ENV, "")
        if not text:
            raise MaskKeyError(
                f"PII must be masked outside prod, and the hash mask needs a key: pass --{SECRET_ARG} "
                f"<Secrets Manager secret ARN or name> (AWS) or set {KEY_ENV} (local runs)"
            )
        key = text.encode("utf-8")
        where = f"environment variable {KEY_ENV}"
    if len(key) < MIN_KEY_BYTES:
        raise MaskKeyError(
            f"the mask key from {where} has {len(key)} bytes; use at least {MIN_KEY_BYTES} random bytes"
        )
    return key


def _secret_value(secret_id: str, client: Any | None) -> bytes:
    if client is None:
        import boto3  # on Glue and in the workspace's venv; only needed when a secret is named

        client = boto3.client("secretsmanager")
    try:
        answer = client.get_secret_value(SecretId=secret_id)
    except Exception as err:  # botocore's ClientError and connection errors alike: the run cannot mask
        raise MaskKeyError(f"cannot read the mask key secret {secret_id!r} (--{SECRET_ARG}): {err}") from err
    if answer.get("SecretString"):
        return str(answer["SecretString"]).encode("utf-8")
    if answer.get("SecretBinary"):
        return bytes(answer["SecretBinary"])
    raise MaskKeyError(f"the mask key secret {secret_id!r} (--{SECRET_ARG}) has no value")
