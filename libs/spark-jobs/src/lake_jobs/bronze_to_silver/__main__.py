import sys

from lake_jobs.bronze_to_silver.cli import main

sys.exit(main())
