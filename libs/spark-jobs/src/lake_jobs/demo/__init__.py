"""``python -m lake_jobs.demo`` (``make demo``): the whole lake on this machine, in one Spark session.

Generates sample sources, lands them in bronze, runs every bronze -> silver job, the customer 360, quality,
registers the tables from the generated Spark DDL, runs the analytical queries and reports. Fixed seed and
dates by default, and every step replaces what it owns, so a rerun gives the same report and duplicates
nothing.
"""
