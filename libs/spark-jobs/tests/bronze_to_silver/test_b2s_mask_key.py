"""Where the mask key comes from: a Secrets Manager secret (read through boto3 from moto's server on
loopback, as the job reads it on Glue), or LAKE_MASK_KEY; every way it can be missing names what to pass."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import boto3
import pytest
from moto.server import ThreadedMotoServer

from lake_jobs.bronze_to_silver.mask_key import KEY_ENV, MIN_KEY_BYTES, SECRET_ARG, MaskKeyError, mask_key

KEY = "k" * MIN_KEY_BYTES


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def secrets(tmp_path_factory) -> Iterator[None]:
    """moto's server on loopback, and the environment boto3 reads its endpoint and credentials from."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    patch = pytest.MonkeyPatch()
    for name, value in {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": str(tmp_path_factory.mktemp("aws") / "config"),
    }.items():  # fmt: skip
        patch.setenv(name, value)
    patch.delenv("AWS_PROFILE", raising=False)
    try:
        yield
    finally:
        patch.undo()
        server.stop()


def test_the_key_is_read_from_the_named_secret_by_name_or_arn(secrets):
    client = boto3.client("secretsmanager")
    arn = client.create_secret(Name="lake/mask-key", SecretString=KEY)["ARN"]
    client.create_secret(Name="lake/mask-key-binary", SecretBinary=b"\x01" * 40)
    assert mask_key("lake/mask-key", environ={}) == KEY.encode()
    assert mask_key(arn, environ={KEY_ENV: "x" * 40}) == KEY.encode()  # the secret wins over the variable
    assert mask_key("lake/mask-key-binary", environ={}) == b"\x01" * 40


def test_a_secret_that_cannot_be_read_fails_naming_it_and_the_argument(secrets):
    with pytest.raises(MaskKeyError, match=rf"'lake/absent' \(--{SECRET_ARG}\).*ResourceNotFound"):
        mask_key("lake/absent", environ={})


def test_a_short_secret_is_refused(secrets):
    boto3.client("secretsmanager").create_secret(Name="lake/short", SecretString="short")
    with pytest.raises(MaskKeyError, match=rf"secret 'lake/short' \(--{SECRET_ARG}\) has 5 bytes"):
        mask_key("lake/short", environ={})


def test_locally_the_key_comes_from_the_environment():
    assert mask_key(None, environ={KEY_ENV: KEY}) == KEY.encode()
    with pytest.raises(MaskKeyError, match=rf"pass --{SECRET_ARG} .* or set {KEY_ENV}"):
        mask_key(None, environ={})
    with pytest.raises(MaskKeyError, match=rf"environment variable {KEY_ENV} has 3 bytes"):
        mask_key(None, environ={KEY_ENV: "abc"})
