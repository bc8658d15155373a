import sys

from lake_jobs.maintenance.job import main

sys.exit(main())
