#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the documented samples (kept out of git).
set -euo pipefail
cd "$(dirname "$0")"
docs="${UCWA_DOCS:-../../shared/ucwa-docs}"
for target in json_resource xml_resource cross_format document batch; do
  mkdir -p "corpus/$target"
done
cp "$docs"/samples/valid/*.json corpus/json_resource/
cp "$docs"/samples/valid/*.xml corpus/xml_resource/
cp "$docs"/samples/valid/* corpus/cross_format/
cp "$docs"/samples/valid/* corpus/document/
cp "$docs"/samples/invalid/batch.* corpus/batch/
# A well-formed batch: the XML batch response with its first boundary line put back.
{ printf -- '--0cac9abd\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 200 OK\nContent-Type: application/vnd.microsoft.com.ucwa+xml\n\n'; cat "$docs"/samples/invalid/batch.post.response.2.xml; } > corpus/batch/xml-response
echo "seeded from $docs"
