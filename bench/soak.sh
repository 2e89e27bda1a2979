#!/usr/bin/env bash
# Soak: the evening-peak mix for a long time, to see errors and memory over time (not in CI).
#   bash bench/soak.sh [--minutes 30] [--schools 100] [--vus 200] [--think-ms 2000] [--sqlite]
# PostgreSQL by default (PGHOST/PGPORT/PGUSER/PGPASSWORD, default 127.0.0.1/5432/preau/preau, a role that may create
# databases). Builds a territory, starts the app in Release, then runs the scenario (`bench load`, parents and
# teachers with think time) in one-minute slices; after each slice prints the minute, throughput, p99, errors and the
# app's resident memory. The last line: errors=<total> rss_first_mib=<after minute 2> rss_last_mib=<end> rss_peak_mib=<peak>
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=30 schools=100 vus=200 think=2000 provider=Postgres
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --schools) schools=$2; shift 2 ;;
    --vus) vus=$2; shift 2 ;;
    --think-ms) think=$2; shift 2 ;;
    --sqlite) provider=Sqlite; shift ;;
    *) echo "Option inconnue : $1" >&2; exit 2 ;;
  esac
done
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-preau} PGPASSWORD=${PGPASSWORD:-preau}
port=5097

dotnet build -c Release src/Preau.Web -nologo -v q > /dev/null
dotnet build -c Release bench/Preau.Bench -nologo -v q > /dev/null
app_dll=$PWD/src/Preau.Web/bin/Release/net10.0/Preau.Web.dll
bench() { dotnet bench/Preau.Bench/bin/Release/net10.0/Preau.Bench.dll "$@"; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<< "$2"; }

data=$(mktemp -d /tmp/preau-soak.XXXXXX)
export Preau__DataPath=$data Preau__Demo__SeedOnFirstStart=false
# One address for every virtual person (ADR 0030; see run.sh).
export Preau__Security__SignInsAtOncePerAddress=1000
# The daily backup runs at start-up when today's is missing (past its hour): on a fresh territory it would archive the
# whole database and photo files while the load is measured (39 s of a core on 2026-12-05). Production takes it at night.
export Preau__Backups__Scheduled=false
if [ "$provider" = Postgres ]; then
  psql -q -d postgres -c "DROP DATABASE IF EXISTS preau_soak" -c "CREATE DATABASE preau_soak" > /dev/null
  export Preau__Database__Provider=Postgres ConnectionStrings__Preau="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=preau_soak;Maximum Pool Size=40;SSL Mode=Disable"
fi
echo "== $provider : territoire de $schools écoles, $vus utilisateurs virtuels (réflexion $think ms), $minutes minutes" >&2
(cd src/Preau.Web && dotnet "$app_dll" seed territory --schools "$schools" --users-out "$data/users.csv") | grep -v "^ " >&2
(cd src/Preau.Web && ASPNETCORE_URLS=http://127.0.0.1:$port dotnet "$app_dll" > "$data/app.log" 2>&1) &
shell=$!
for _ in $(seq 1 240); do curl -fs http://127.0.0.1:$port/healthz > /dev/null && break; sleep 0.5; done
app=$(pgrep -f -n "dotnet $app_dll")
trap 'kill "$app" 2> /dev/null || true; wait "$shell" 2> /dev/null || true; rm -rf "$data"' EXIT

errors=0 rss_first=0 rss_last=0
echo "| minute | requests/s | p99 ms | errors | RSS MiB |" >&2
echo "|---|---|---|---|---|" >&2
for minute in $(seq 1 "$minutes"); do
  # Each slice signs its families and teachers in again (other accounts each minute: --seed), as the evening goes on.
  slice=$(bench load --base "http://127.0.0.1:$port" --users-file "$data/users.csv" --vus "$vus" --accounts 400 \
    --think-ms "$think" --duration 60 --seed "$minute" 2> /dev/null)
  rss_last=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$app/status")
  [ "$minute" = 2 ] && rss_first=$rss_last
  errors=$((errors + $(field errors "$slice")))
  echo "| $minute | $(field rps "$slice") | $(field p99_ms "$slice") | $(field errors "$slice") | $rss_last |" >&2
done
rss_peak=$(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$app/status")
echo "errors=$errors rss_first_mib=$rss_first rss_last_mib=$rss_last rss_peak_mib=$rss_peak"
