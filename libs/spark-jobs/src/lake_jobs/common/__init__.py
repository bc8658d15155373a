"""What every job shares: the Spark session, the contract, the arguments, the lake paths, the run report."""
