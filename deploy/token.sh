#!/usr/bin/env bash
# Print a raw access token for USER from the local Keycloak (client vos-cli, direct grant).
#
#   deploy/token.sh USER [PASSWORD]        password defaults to USER-pw (alice -> alice-pw)
#
# Environment: KEYCLOAK_HOST (127.0.0.1), KEYCLOAK_PORT (8180), KEYCLOAK_REALM (vospace),
#              KEYCLOAK_CLIENT_ID (vos-cli).
# Example:     curl -H "Authorization: Bearer $(deploy/token.sh alice)" ...
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 || -z "$1" ]]; then
  echo "usage: $0 USER [PASSWORD]" >&2
  exit 2
fi
USER_NAME="$1"
USER_PASSWORD="${2:-$1-pw}"
KEYCLOAK_HOST="${KEYCLOAK_HOST:-127.0.0.1}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
KEYCLOAK_REALM="${KEYCLOAK_REALM:-vospace}"
KEYCLOAK_CLIENT_ID="${KEYCLOAK_CLIENT_ID:-vos-cli}"
TOKEN_URL="http://$KEYCLOAK_HOST:$KEYCLOAK_PORT/realms/$KEYCLOAK_REALM/protocol/openid-connect/token"

body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

status="$(curl -sS -o "$body_file" -w '%{http_code}' --connect-timeout 5 --max-time 30 \
  --data-urlencode "grant_type=password" \
  --data-urlencode "client_id=$KEYCLOAK_CLIENT_ID" \
  --data-urlencode "username=$USER_NAME" \
  --data-urlencode "password=$USER_PASSWORD" \
  "$TOKEN_URL")" || { echo "token.sh: cannot reach $TOKEN_URL (is deploy/keycloak.sh start done?)" >&2; exit 1; }

if [[ "$status" != "200" ]]; then
  echo "token.sh: HTTP $status from $TOKEN_URL: $(head -c 500 "$body_file")" >&2
  exit 1
fi

if command -v python3 >/dev/null 2>&1; then
  token="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' < "$body_file")"
else
  token="$(tr -d '\n' < "$body_file" | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
fi
if [[ -z "$token" ]]; then
  echo "token.sh: no access_token in the response" >&2
  exit 1
fi
printf '%s\n' "$token"
