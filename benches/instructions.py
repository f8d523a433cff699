#!/usr/bin/env python3
"""Instructions per byte of every operation of the benchmarks, counted by callgrind.

Unlike timings, instruction counts do not depend on the machine's load. This runs
`examples/profile` under callgrind for each case and operation (two at a time), counting only
the repeated operation (`--toggle-collect=profile::run`), and prints the table of
`benches/README.md`: instructions per byte of ucwa and of each baseline, and their ratio
(the baseline's count over ucwa's: above 1, ucwa does less work).

    cargo build --release --example profile
    python3 benches/instructions.py            # about 10 minutes on 2 cores

Needs valgrind. UCWA_DOCS as for the benchmarks; PROFILE names another build of the example
(e.g. one with RUSTFLAGS="-C target-cpu=native" in its own target directory). A filter of
case names narrows the run: `python3 benches/instructions.py samples events-1000`.
"""

import concurrent.futures
import os
import re
import subprocess
import sys

PROFILE = os.environ.get("PROFILE", "target/release/examples/profile")

# Repetitions per case: enough that the operation dominates the count, few enough to be quick.
CASES = {
    "samples": 2,
    "contacts-2": 200,
    "contacts-200": 4,
    "contacts-2000": 1,
    "contacts-10000": 1,
    "contacts-16000": 1,
    "deep-40": 20,
    "links-20000": 1,
    "relations-3000": 1,
    "properties-20000": 1,
    "long-strings": 1,
    "event-samples": 20,
    "events-1000": 2,
}

# Each column: the operation of ucwa, then its baselines.
COLUMNS = [
    (
        "JSON decode: ucwa / Value / simd-json / sonic-rs",
        ["json-decode", "json-decode-value", "json-decode-simd-json", "json-decode-sonic-rs"],
    ),
    (
        "XML decode: ucwa / roxmltree / quick-xml loop",
        ["xml-decode", "xml-decode-roxmltree", "xml-decode-quick-xml"],
    ),
    ("JSON encode: ucwa / Value", ["json-encode", "json-encode-value"]),
    ("XML encode: ucwa / Value", ["xml-encode", "xml-encode-value"]),
]


def per_byte(op, case):
    """Instructions per byte of one operation over one case."""
    reps = CASES[case]
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--toggle-collect=profile::run",
            PROFILE,
            op,
            case,
            str(reps),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    refs = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    size = re.search(r"(\d+) bytes per repetition", run.stdout + run.stderr)
    if not refs or not size:
        sys.exit(f"{op} {case}: no count in the output:\n{run.stdout}{run.stderr}")
    return int(refs.group(1).replace(",", "")) / reps / int(size.group(1))


def main():
    cases = [case for case in CASES if len(sys.argv) < 2 or case in sys.argv[1:]]
    jobs = [(op, case) for case in cases for _, ops in COLUMNS for op in ops]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        counts = dict(zip(jobs, pool.map(lambda job: per_byte(*job), jobs)))
    header = ["case"] + [f"{title} (ratio)" for title, _ in COLUMNS]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for case in cases:
        cells = [case]
        for _, ops in COLUMNS:
            ours, *baselines = [counts[(op, case)] for op in ops]
            figures = " / ".join(f"{c:.1f}" for c in [ours] + baselines)
            ratios = ", ".join(f"{b / ours:.2f}x" for b in baselines)
            cells.append(f"{figures} ({ratios})")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
