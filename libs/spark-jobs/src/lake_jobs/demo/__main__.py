import sys

from lake_jobs.demo.cli import main

sys.exit(main())
