"""The fault-injection run of quotetrace (bench/faults.sh): `python3 -m faults` with bench/ on
PYTHONPATH; see __main__.py."""
