#!/usr/bin/env python3
"""Issue #21's targets, measured: the table of `benches/README.md`, "Against issue #21's targets".

Decoding: `examples/profile interleaved` times ucwa and its peers against each other on each
of the issue's three shapes (the documented samples, a 10,000-contact list, 1,000 events), by
the thread's CPU time, in interleaved rounds; the worst ratio of the three is the figure.
The command: `benches/large.py` (100 MB inputs under /usr/bin/time).

    cargo build --release --example profile -p ucwa-codec
    cargo build --release -p ucwa-cli
    python3 benches/targets.py          # about 3 minutes on 2 cores

UCWA_DOCS names the reference (default ../shared/ucwa-docs); ROUNDS the rounds per shape
(default 30).
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import large  # noqa: E402

PROFILE = os.environ.get("PROFILE", "target/release/examples/profile")
ROUNDS = os.environ.get("ROUNDS", "30")
CASES = ["samples", "contacts-10000", "events-1000"]


def ratios(case, ops):
    """Each peer's median thread time over ucwa's, on one case (above 1: ucwa is faster)."""
    row = subprocess.run([PROFILE, "interleaved", case, ROUNDS] + ops, check=True,
                         capture_output=True, text=True).stdout
    return [float(r) for r in re.findall(r"\(([0-9.]+)x\)", row)][1:]


def decoding():
    """Rows of (target, per-case figures, worst, goal) for the decoders."""
    json_ops = ["json-decode", "json-decode-simd-json", "json-decode-sonic-rs"]
    xml_ops = ["xml-decode", "xml-decode-roxmltree"]
    json = {case: ratios(case, json_ops) for case in CASES}
    xml = {case: ratios(case, xml_ops) for case in CASES}
    return [
        ("JSON decode vs simd-json's borrowed value", {c: json[c][0] for c in CASES}, 1.0),
        ("JSON decode vs sonic-rs's `Value`", {c: json[c][1] for c in CASES}, 0.5),
        ("XML decode vs roxmltree", {c: xml[c][0] for c in CASES}, 3.0),
    ]


def main():
    for path in [PROFILE, large.UCWA]:
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: see the commands at the top of {sys.argv[0]}")
    print("| target | samples | contacts-10000 | events-1000 | worst | goal | |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for target, figures, goal in decoding():
        worst = min(figures.values())
        cells = " | ".join(f"{figures[c]:.2f}x" for c in CASES)
        verdict = "met" if worst >= goal else "missed"
        print(f"| {target} | {cells} | {worst:.2f}x | >= {goal}x | {verdict} |")
    print()
    paths = large.inputs()
    print("| target | figure | goal | |")
    print("| --- | --- | --- | --- |")
    wall, user, system, peak = large.measure(["check", paths["capture.har"]])
    size = os.path.getsize(paths["capture.har"])
    busy = (user + system) / wall
    print(f"| `ucwa check` of a 100 MB HAR: user+sys / wall | {busy:.2f}x | >= 1.4x | "
          f"{'met' if busy >= 1.4 else 'missed'} |")
    print(f"| `ucwa check` of a 100 MB HAR: peak memory / input | {peak / size:.2f}x | <= 2x | "
          f"{'met' if peak / size <= 2 else 'missed'} |")
    for args in [["--to", "xml", paths["contacts.json"]], ["--to", "json", paths["contacts.json"]],
                 ["--to", "json", paths["contacts.xml"]], ["--to", "xml", paths["contacts.xml"]]]:
        _, _, _, peak = large.measure(["convert"] + args)
        size = os.path.getsize(args[-1])
        shown = f"ucwa convert {' '.join(args[:-1])} {os.path.basename(args[-1])}"
        print(f"| `{shown}`: peak memory / input | {peak / size:.2f}x | <= 3x | "
              f"{'met' if peak / size <= 3 else 'missed'} |")


if __name__ == "__main__":
    main()
