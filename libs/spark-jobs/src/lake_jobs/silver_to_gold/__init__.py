"""Silver -> gold: the customer 360 for a snapshot date, written atomically to Iceberg (or Delta)."""
