import sys

from lake_jobs.synthetic.cli import main

sys.exit(main())
