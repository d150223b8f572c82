#!/usr/bin/env bash
# Posts the seed release (the NATO article of 25 February 2021 on human security) to a running instance.
#
#   seeds/post-seed-release.sh [BASE_URL]
#
# BASE_URL defaults to http://localhost:7071 (Core Tools or the local host). The admin key is read from
# HSA_ADMIN_KEY, else from "Admin:ApiKey" in local.settings.json / local.settings.sample.json.
# Prints the response: 201 with the stored publication and its classification the first time, 200 afterwards.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
base_url="${1:-${HSA_BASE_URL:-http://localhost:7071}}"

key="${HSA_ADMIN_KEY:-}"
if [[ -z "$key" ]]; then
  for settings in "$root/functions/HumanSecurityAlerts.Functions/local.settings.json" "$root/local.settings.json" "$root/local.settings.sample.json"; do
    if [[ -f "$settings" ]]; then
      key="$(sed -n 's/^[[:space:]]*"Admin\(:\|__\)ApiKey"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\2/p' "$settings" | head -n 1)"
      [[ -n "$key" ]] && break
    fi
  done
fi
if [[ -z "$key" ]]; then
  echo "No admin key: set HSA_ADMIN_KEY or Admin:ApiKey in local.settings.json." >&2
  exit 2
fi

curl --silent --show-error --fail-with-body \
  --header "Authorization: Bearer $key" \
  --header "Content-Type: application/json" \
  --data-binary "@$here/nato-human-security-2021-02-25.release.json" \
  --write-out '\nHTTP %{http_code}\n' \
  "${base_url%/}/api/manage/publications"
