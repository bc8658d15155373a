"""Failures a job reports as one clear message and a non-zero exit, without a stack trace to read through."""


class JobFailed(RuntimeError):
    """The run cannot be trusted or completed; the message says what, where, and what to do."""
