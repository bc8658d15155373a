import sys

from lake_jobs.silver_to_gold.job import main

sys.exit(main())
