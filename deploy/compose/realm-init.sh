#!/bin/sh
# Writes the production realm (deploy/realm/vospace-production.json) for Keycloak's import with
# this deployment's public address instead of https://storage.example.org and the portal client's
# secret (the one the application instances get as PORTAL_CLIENT_SECRET) set.
set -eu
: "${PUBLIC_URL:?}" "${PORTAL_CLIENT_SECRET:?}"
case "$PORTAL_CLIENT_SECRET" in *[\"\\\#\&]*) echo "PORTAL_CLIENT_SECRET: no quotes, backslashes, # or &" >&2; exit 1 ;; esac
sed -e "s#https://storage.example.org#${PUBLIC_URL}#g" \
    -e "s#\"clientAuthenticatorType\": \"client-secret\",#\"clientAuthenticatorType\": \"client-secret\", \"secret\": \"${PORTAL_CLIENT_SECRET}\",#" \
    /realm/vospace-production.json > /import/vospace-production.json
grep -q "\"secret\": \"${PORTAL_CLIENT_SECRET}\"" /import/vospace-production.json
echo "realm written to /import/vospace-production.json for ${PUBLIC_URL}"
