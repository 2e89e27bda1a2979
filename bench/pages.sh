#!/usr/bin/env bash
# The everyday pages at their real size: a teacher whose inbox holds a year of mail, a parent with three children,
# three classes with a year of liaison notes. Prints, per person and page, the status, the query count (from the
# Server-Timing header) and p50/p95 latency.
#
# Usage: bash bench/pages.sh [--schools 20] [--messages 2000] [--postgres "<connection string of an EMPTY database>"]
set -euo pipefail
cd "$(dirname "$0")/.."
schools=20 messages=2000 postgres="" port=5099
while [ $# -gt 0 ]; do
  case "$1" in
    --schools) schools=$2; shift 2 ;;
    --messages) messages=$2; shift 2 ;;
    --postgres) postgres=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "Option inconnue : $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release src/Preau.Web -nologo -v q
dotnet build -c Release bench/Preau.Bench -nologo -v q
data=$(mktemp -d /tmp/preau-pages.XXXXXX)
export Preau__DataPath="$data" Preau__Demo__SeedOnFirstStart=false Preau__Diagnostics__ServerTiming=true
# The daily backup runs at start-up when today's is missing (past its hour): on a fresh territory it would archive the
# whole database and photo files while the load is measured (39 s of a core on 2026-12-05). Production takes it at night.
export Preau__Backups__Scheduled=false
if [ -n "$postgres" ]; then
  export Preau__Database__Provider=Postgres ConnectionStrings__Preau="$postgres"
fi
run() { dotnet run -c Release --no-build --no-launch-profile --project src/Preau.Web -- "$@"; }

run bench import --schools "$schools" --seed 1 | tail -1
seed=$(run bench pages-seed --messages "$messages")
echo "$seed" | head -1
value() { echo "$seed" | sed -n "s/^$1=//p"; }
teacher=$(value teacher) parent=$(value parent) password=$(value password) class=$(value class)

ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet run -c Release --no-build --no-launch-profile --project src/Preau.Web > "$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 0.5
done

dotnet run -c Release --no-build --project bench/Preau.Bench -- pages --base "http://127.0.0.1:$port" \
  --user "$teacher:$password" --user "$parent:$password" \
  --page / --page /messagerie --page "/messagerie?p=50" --page "/classe/$class/liaison" --page /notifications --page /annuaire
