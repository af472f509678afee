"""quotetrace on Apache Spark: the per-document stage on the executors, in process, through
the quotetrace Python package (the same Rust code as ``quotetrace extract``), and the
cross-document links made with Spark shuffles on the keys that stage computes.

Entry point: ``spark/submit.py`` (see spark/README.md for the tables and their schema).
"""
