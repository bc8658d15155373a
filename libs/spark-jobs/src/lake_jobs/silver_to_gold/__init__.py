"""Silver -> gold: one gold dataset per snapshot date, computed by its builder and written atomically to
Iceberg (or Delta)."""
