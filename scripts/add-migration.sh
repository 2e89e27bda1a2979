#!/usr/bin/env bash
# Adds one migration for both providers (SQLite and PostgreSQL) from the same model.
# Usage: scripts/add-migration.sh <Name>. Never hand-edit the generated files.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
project=src/Preau.Web/Preau.Web.csproj
dotnet build "$project" -nologo -v q
for provider in Sqlite Postgres; do
  dotnet dotnet-ef migrations add "$name" --no-build --project "$project" \
    --context "${provider}PreauDbContext" --output-dir "Platform/Data/Migrations/$provider"
done
