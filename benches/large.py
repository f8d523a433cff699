#!/usr/bin/env python3
"""Wall time, CPU time and peak memory of the `ucwa` command on 100 MB inputs.

Generates, once, into target/large/ (from the reference's own samples):
- contacts.json: a `myContacts` list embedding the documented `contact` sample again and
  again (each with its own name and self link), about 100 MB;
- contacts.xml: the same list written as XML by `ucwa convert`;
- capture.har: a HAR file whose entries are GETs answered by the documented JSON response
  samples, in turn, about 100 MB.

Then runs the release build of the command under `/usr/bin/time` (three runs each, the
median by wall time) and prints the table of `benches/README.md`: `ucwa check` of the HAR
file (user+sys over wall: how busy the cores were) and `ucwa convert` of the documents both
ways (peak resident memory over the input's size).

    cargo build --release -p ucwa-cli
    python3 benches/large.py          # about a minute on 2 cores, once the inputs exist

UCWA_DOCS names the reference (default ../shared/ucwa-docs); UCWA names another build of the
command. Linux only (GNU time's `%M`).
"""

import glob
import json
import os
import subprocess
import sys

UCWA = os.environ.get("UCWA", "target/release/ucwa")
DOCS = os.environ.get("UCWA_DOCS", "../shared/ucwa-docs")
OUT = "target/large"
SIZE = 100_000_000
RUNS = 3


def contacts_json(path):
    """A contact list of about SIZE bytes, from the documented contact sample."""
    with open(os.path.join(DOCS, "samples/valid/contact.get.response.1.json")) as f:
        contact = json.load(f)
    contacts, size, i = [], 0, 0
    while size < SIZE:
        one = json.loads(json.dumps(contact))
        one["name"] = f"Contact {i}"
        one["_links"]["self"]["href"] = f"/ucwa/v1/applications/192/people/contact{i}@contoso.com"
        size += len(json.dumps(one)) + 1
        contacts.append(one)
        i += 1
    document = {
        "rel": "myContacts",
        "_links": {"self": {"href": "/ucwa/v1/applications/192/people/contacts"}},
        "_embedded": {"contact": contacts},
    }
    with open(path, "w") as f:
        json.dump(document, f)


def capture_har(path):
    """A HAR file of about SIZE bytes: GETs answered by the documented JSON responses."""
    bodies = []
    for sample in sorted(glob.glob(os.path.join(DOCS, "samples/valid/*.response.*.json"))):
        with open(sample, encoding="utf-8") as f:
            bodies.append(f.read())
    entries, size, i = [], 0, 0
    while size < SIZE:
        body = bodies[i % len(bodies)]
        entry = {
            "startedDateTime": "2016-01-01T00:00:00Z",
            "time": 1,
            "request": {
                "method": "GET",
                "url": f"https://x/ucwa/v1/applications/1/r/{i}",
                "httpVersion": "HTTP/1.1",
                "headers": [{"name": "Accept", "value": "application/json"}],
                "queryString": [],
                "cookies": [],
                "headersSize": -1,
                "bodySize": 0,
            },
            "response": {
                "status": 200,
                "statusText": "OK",
                "httpVersion": "HTTP/1.1",
                "headers": [{"name": "Content-Type", "value": "application/json"}],
                "cookies": [],
                "content": {"size": len(body), "mimeType": "application/json", "text": body},
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": len(body),
            },
            "cache": {},
            "timings": {"send": 0, "wait": 1, "receive": 0},
        }
        size += len(json.dumps(entry)) + 1
        entries.append(entry)
        i += 1
    with open(path, "w") as f:
        json.dump({"log": {"version": "1.2", "creator": {"name": "large.py", "version": "1"},
                           "entries": entries}}, f)


def inputs():
    """The paths of the three inputs, generated where missing."""
    os.makedirs(OUT, exist_ok=True)
    paths = {name: os.path.join(OUT, name) for name in ["contacts.json", "contacts.xml", "capture.har"]}
    if not os.path.exists(paths["contacts.json"]):
        contacts_json(paths["contacts.json"])
    if not os.path.exists(paths["contacts.xml"]):
        with open(paths["contacts.xml"], "wb") as f:
            subprocess.run([UCWA, "convert", "--to", "xml", paths["contacts.json"]], stdout=f,
                           stderr=subprocess.DEVNULL, check=True)
    if not os.path.exists(paths["capture.har"]):
        capture_har(paths["capture.har"])
    return paths


def measure(args):
    """(wall s, user s, sys s, peak bytes) of the median run by wall time."""
    runs = []
    for _ in range(RUNS):
        result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", UCWA] + args,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall, user, system, peak_kib = result.stderr.strip().splitlines()[-1].split()
        runs.append((float(wall), float(user), float(system), int(peak_kib) * 1024))
    runs.sort()
    return runs[len(runs) // 2]


def main():
    if not os.path.exists(UCWA):
        sys.exit(f"{UCWA} is missing: cargo build --release -p ucwa-cli")
    paths = inputs()
    print("| command | input | wall | user+sys / wall | peak memory / input |")
    print("| --- | --- | --- | --- | --- |")
    runs = [
        ["check", paths["capture.har"]],
        ["convert", "--to", "xml", paths["contacts.json"]],
        ["convert", "--to", "json", paths["contacts.json"]],
        ["convert", "--to", "json", paths["contacts.xml"]],
        ["convert", "--to", "xml", paths["contacts.xml"]],
    ]
    for args in runs:
        wall, user, system, peak = measure(args)
        size = os.path.getsize(args[-1])
        shown = " ".join(["ucwa"] + args[:-1] + [os.path.basename(args[-1])])
        print(f"| `{shown}` | {size / 1e6:.0f} MB | {wall:.2f} s | {(user + system) / wall:.2f}x "
              f"| {peak / size:.2f}x |")


if __name__ == "__main__":
    main()
