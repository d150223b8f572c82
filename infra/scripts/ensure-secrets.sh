#!/bin/sh
# azd preprovision hook (azure.yaml): generates the admin API key and the subscriptions encryption key once per azd
# environment, so main.bicep never receives an empty secret. A value already set (generated earlier, or rotated with
# `azd env set`) is kept: provisioning writes whatever the environment holds to Key Vault.
set -eu

ensure() {
  name=$1
  bytes=$2
  if [ -z "$(azd env get-value "$name" 2>/dev/null || true)" ]; then
    azd env set "$name" "$(head -c "$bytes" /dev/urandom | base64 | tr -d '\n')" >/dev/null
    echo "ensure-secrets: generated $name"
  fi
}

ensure ADMIN_API_KEY 48
ensure SUBSCRIPTIONS_ENCRYPTION_KEY 32
