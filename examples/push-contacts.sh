#!/usr/bin/env bash
# Pushes two conversations to a push integration with curl, then the same batch again: the second
# answer says "unchanged" for both — retrying a request never duplicates anything.
#   INTAKE_URL=http://127.0.0.1:3000 INTAKE_TOKEN=intk_… INTAKE_INTEGRATION=<id> bash examples/push-contacts.sh
# The test suite runs this file against the API, so it stays true.
set -euo pipefail
url="${INTAKE_URL:-http://127.0.0.1:3000}"
: "${INTAKE_TOKEN:?set INTAKE_TOKEN to a push token of the integration}"
: "${INTAKE_INTEGRATION:?set INTAKE_INTEGRATION to the push integration id}"

batch='{"records": [
  {"sourceRef": "call-1001", "version": 1, "createdAt": "2026-03-03T09:15:00Z", "closedAt": "2026-03-03T09:21:00Z", "channel": "phone", "agent": "ann", "status": "closed", "tags": ["billing"]},
  {"sourceRef": "call-1002", "version": 1, "createdAt": "2026-03-03T10:02:00+01:00", "channel": "phone", "status": "solved", "metadata": {"durationSeconds": 312}}
]}'

for attempt in first retry; do
  echo "== $attempt"
  curl --silent --show-error --fail-with-body \
    -H "Authorization: Bearer $INTAKE_TOKEN" -H 'content-type: application/json' \
    --data "$batch" "$url/api/v1/integrations/$INTAKE_INTEGRATION/contacts"
  echo
done
