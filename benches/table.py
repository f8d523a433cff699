#!/usr/bin/env python3
"""Prints the Markdown table of benches/README.md from criterion's results.

Run after `cargo bench --bench codec`: reads target/criterion/GROUP/FUNCTION/CASE/new/ (under
$CARGO_TARGET_DIR where it is set) and
prints, per group and case, the document's size, each function's throughput (MiB/s, from the
median time) and the ratio of ucwa's throughput to each baseline's.
"""
import json
import os
import sys

ROOT = os.path.join(
    os.environ.get("CARGO_TARGET_DIR")
    or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target"),
    "criterion",
)
GROUPS = {
    "json-decode": ["serde_json-Value", "simd-json-borrowed", "sonic-rs-value"],
    "xml-decode": ["roxmltree", "quick-xml-events"],
    "json-encode": ["serde_json-Value"],
    "xml-encode": ["serde_json-Value"],
}
CASES = ["samples", "contacts-2", "contacts-20", "contacts-200", "contacts-2000",
         "contacts-10000", "contacts-16000", "deep-40", "links-20000", "relations-3000",
         "properties-20000", "long-strings", "event-samples", "events-1000"]


def load(group, function, case):
    directory = os.path.join(ROOT, group, function, case, "new")
    try:
        with open(os.path.join(directory, "estimates.json")) as f:
            median = json.load(f)["median"]["point_estimate"]  # ns per iteration
        with open(os.path.join(directory, "benchmark.json")) as f:
            size = json.load(f)["throughput"]["Bytes"]
    except (OSError, KeyError, ValueError):
        return None
    return size, size / (median / 1e9) / (1 << 20), median


def size_text(size):
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MiB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.1f} KiB"
    return f"{size} B"


def main():
    for group, baselines in GROUPS.items():
        header = ["case", "size", "ucwa MiB/s", "ucwa ns/byte"]
        for baseline in baselines:
            header += [f"{baseline} MiB/s", f"ratio vs {baseline}"]
        print(f"\n#### {group}\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for case in CASES:
            ours = load(group, "ucwa", case)
            if ours is None:
                continue
            size, mib, median = ours
            row = [case, size_text(size), f"{mib:.0f}", f"{median / size:.2f}"]
            for baseline in baselines:
                theirs = load(group, baseline, case)
                if theirs is None:
                    row += ["-", "-"]
                else:
                    row += [f"{theirs[1]:.0f}", f"{mib / theirs[1]:.2f}x"]
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())
