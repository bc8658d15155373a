"""Table maintenance: compaction and retention for the Iceberg and Delta tables of the lake."""
