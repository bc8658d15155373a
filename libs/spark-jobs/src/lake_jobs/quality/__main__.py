import sys

from lake_jobs.quality.cli import main

sys.exit(main())
