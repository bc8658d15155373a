"""The lake's access model applied in Spark: persona views over the tables, as Lake Formation grants them."""
