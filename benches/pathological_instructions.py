#!/usr/bin/env python3
"""Instructions of every shape of the `pathological` benchmark at N and 4N, counted by
callgrind (load-independent, unlike timings), and their ratio: about 4 for linear code, about
16 for a scan per item of what was read so far. Prints the table of `benches/README.md`.

    cargo build --release --example pathological_count
    python3 benches/pathological_instructions.py [N]      # N = 5000 by default

Needs valgrind.
"""

import concurrent.futures
import re
import subprocess
import sys

PROGRAM = "target/release/examples/pathological_count"


def instructions(shape, size):
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--toggle-collect=*measure*",
         "--callgrind-out-file=/dev/null", PROGRAM, shape, str(size)],
        capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    shapes = subprocess.run([PROGRAM, "list", "1"], capture_output=True, text=True,
                            check=True).stdout.split()
    jobs = [(shape, size) for shape in shapes for size in (n, 4 * n)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        counts = dict(zip(jobs, pool.map(lambda job: instructions(*job), jobs)))
    print(f"| shape | instructions at N = {n:,} | at 4N = {4 * n:,} | ratio |")
    print("| --- | --- | --- | --- |")
    for shape in shapes:
        small, large = counts[(shape, n)], counts[(shape, 4 * n)]
        print(f"| `{shape}` | {small:,} | {large:,} | {large / small:.2f}x |")


if __name__ == "__main__":
    main()
