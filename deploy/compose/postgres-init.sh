#!/bin/sh
# First start of the PostgreSQL container only (docker-entrypoint-initdb.d): Keycloak's own
# database and role beside the application's (POSTGRES_DB / POSTGRES_USER).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE keycloak LOGIN PASSWORD '$KEYCLOAK_DB_PASSWORD';
CREATE DATABASE keycloak OWNER keycloak;
SQL
