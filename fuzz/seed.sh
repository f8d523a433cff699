#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the documented samples (kept out of git).
set -euo pipefail
cd "$(dirname "$0")"
docs="${UCWA_DOCS:-../../shared/ucwa-docs}"
for target in json_resource xml_resource cross_format; do
  mkdir -p "corpus/$target"
done
cp "$docs"/samples/valid/*.json corpus/json_resource/
cp "$docs"/samples/valid/*.xml corpus/xml_resource/
cp "$docs"/samples/valid/* corpus/cross_format/
echo "seeded from $docs"
