#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the documented samples (kept out of git).
set -euo pipefail
cd "$(dirname "$0")"
docs="${UCWA_DOCS:-../../shared/ucwa-docs}"
for target in json_resource xml_resource cross_format document batch xml_fast_path json_fast_path batch_convert check_bytes typing convert_in_parts; do
  mkdir -p "corpus/$target"
done
cp "$docs"/samples/valid/*.json corpus/json_resource/
cp "$docs"/samples/valid/*.xml corpus/xml_resource/
cp "$docs"/samples/valid/*.xml corpus/xml_fast_path/
cp "$docs"/samples/valid/*.json "$docs"/samples/invalid/*.json ../tests/fixtures/*.json corpus/json_fast_path/
cp "$docs"/samples/valid/* corpus/cross_format/
cp "$docs"/samples/valid/* corpus/document/
cp "$docs"/samples/invalid/batch.* corpus/batch/
# A well-formed batch: the XML batch response with its first boundary line put back.
{ printf -- '--0cac9abd\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 200 OK\nContent-Type: application/vnd.microsoft.com.ucwa+xml\n\n'; cat "$docs"/samples/invalid/batch.post.response.2.xml; } > corpus/batch/xml-response
# An events document in XML (the reference prints none in its samples).
printf '%s' '<?xml version="1.0" encoding="utf-8"?><events href="/e?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><link rel="next" href="/e?ack=2"/><sender rel="conversation" href="/c/1" title="T"><completed rel="message" href="/c/1/m/2"><in rel="c" href="/c/1"/><status>Success</status><resource rel="message" href="/c/1/m/2"><property name="direction">Incoming</property></resource></completed><added rel="participant" href="/p"/></sender></events>' > corpus/xml_fast_path/events
cp corpus/batch/* corpus/batch_convert/
cp "$docs"/samples/valid/* "$docs"/samples/invalid/* corpus/check_bytes/
cp ../tests/fixtures/* corpus/check_bytes/
cp "$docs"/samples/valid/*.xml corpus/typing/
cp "$docs"/samples/valid/* corpus/convert_in_parts/
echo "seeded from $docs"
