"""spark-submit entry point: spark-submit [options] spark/submit.py --out DIR PATH...

Needs the quotetrace Python package (the wheel of crates/python) on the driver and the
executors, and the package quotetrace_spark (this folder) on the driver's path or shipped with
--py-files. See spark/README.md.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from quotetrace_spark.job import run  # noqa: E402

if __name__ == "__main__":
    run(sys.argv[1:])
