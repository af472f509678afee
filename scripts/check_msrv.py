#!/usr/bin/env python3
"""The workspace's rust-version is a true minimum: no dependency asks for a newer Rust.

Reads `cargo metadata` for each manifest given (default: the workspace) and fails when a
package declares a `rust-version` newer than the workspace's. Our own code's use of newer
standard-library APIs is caught by clippy's `incompatible_msrv` lint, which reads the same
rust-version (CI runs clippy with -D warnings).

    scripts/check_msrv.py [Cargo.toml ...]
"""
import json
import subprocess
import sys
import tomllib


def version(s: str) -> tuple:
    parts = [int(x) for x in s.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main() -> int:
    with open("Cargo.toml", "rb") as f:
        msrv = tomllib.load(f)["workspace"]["package"]["rust-version"]
    manifests = sys.argv[1:] or ["Cargo.toml"]
    bad = []
    count = 0
    for manifest in manifests:
        meta = json.loads(
            subprocess.run(
                ["cargo", "metadata", "--format-version", "1", "--locked",
                 "--manifest-path", manifest],
                check=True, capture_output=True, text=True,
            ).stdout
        )
        for p in meta["packages"]:
            count += 1
            rv = p.get("rust_version")
            if rv and version(rv) > version(msrv):
                bad.append(f"{p['name']} {p['version']} needs Rust {rv} ({manifest})")
    if bad:
        print(f"rust-version {msrv} is not a true minimum:", *bad, sep="\n  ")
        return 1
    print(f"rust-version {msrv}: none of {count} packages asks for a newer Rust")
    return 0


if __name__ == "__main__":
    sys.exit(main())
