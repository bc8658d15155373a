"""One module per gold dataset, named after it, each defining ``BUILDER`` (see :mod:`..registry`)."""
