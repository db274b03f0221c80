#!/bin/sh
# Run once by the postgres image when its data volume is new: the role the app connects as. It owns nothing;
# `migrate` (as the owner, POSTGRES_USER) grants it the data privileges it needs and no more (config.dbroles).
set -eu
psql -v ON_ERROR_STOP=1 -v app_password="$APP_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE judgement_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
SQL
