#!/usr/bin/env bash
# The evening peak, side by side with the bare framework, on SQLite then PostgreSQL.
#   bash bench/run.sh [--quick]
# Needs a PostgreSQL server (PGHOST/PGPORT/PGUSER/PGPASSWORD; defaults: the local socket if it lets the role in, else
# 127.0.0.1; 5432; preau; preau; a role that may create databases). For each database: builds a territory (`seed
# territory`), starts the app in Release with the bare baseline endpoint, measures the baseline and the scenario at
# saturation (same virtual users, no think time), each after a warm-up that is served but not counted (the JIT's tiers
# need about a minute of this load to settle), then many connected users with think time. The last line is the
# PostgreSQL run:
#   ratio=<scenario rps / baseline rps> p99_ms=<scenario p99> errors=<all errors> rss_mib=<peak RSS of the app>
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
# --quick stays under five minutes on this kind of machine: a smaller territory, fewer accounts to sign in (each
# sign-in hashes a password on purpose), shorter warm-ups and windows; the figures keep their shape, not their precision.
if [ $quick = 1 ]; then
  schools=20 base_warmup=10 warmup=25 duration=15 vus=16 accounts=100 idle_vus=1000 idle_accounts=100 idle_duration=15 think=10000
else
  schools=245 base_warmup=10 warmup=60 duration=60 vus=64 accounts=200 idle_vus=10000 idle_accounts=1000 idle_duration=120 think=60000
fi
export PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-preau} PGPASSWORD=${PGPASSWORD:-preau}
# A server on this machine is reached through its Unix socket when it lets the role in there, as a one-machine
# deployment would (docs/deploiement.md): the loopback TCP stack costs about 5 % of the evening peak's throughput.
if [ -z "${PGHOST:-}" ] && [ -S /var/run/postgresql/.s.PGSQL.$PGPORT ] && PGHOST=/var/run/postgresql psql -qAt -d postgres -c "select 1" > /dev/null 2>&1; then
  PGHOST=/var/run/postgresql
fi
export PGHOST=${PGHOST:-127.0.0.1}
echo "PostgreSQL : $PGHOST, port $PGPORT" >&2
port=5098

dotnet build -c Release src/Preau.Web -nologo -v q > /dev/null
dotnet build -c Release bench/Preau.Bench -nologo -v q > /dev/null
app_dll=$PWD/src/Preau.Web/bin/Release/net10.0/Preau.Web.dll
bench() { dotnet bench/Preau.Bench/bin/Release/net10.0/Preau.Bench.dll "$@"; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<< "$2"; }

run_one() {
  local provider=$1 data
  data=$(mktemp -d /tmp/preau-bench.XXXXXX)
  export Preau__DataPath=$data Preau__Demo__SeedOnFirstStart=false
  # The driver is one address for thousands of people signing in at the start: the bound on sign-ins hashed at once
  # per address (2 by default, ADR 0030) would queue them behind each other. Failed sign-ins keep their default limit
  # (the scenario signs in with the right passwords).
  export Preau__Security__SignInsAtOncePerAddress=1000
  # The daily backup runs at start-up when today's is missing (past its hour): on a fresh territory it would archive the
  # whole database and photo files while the load is measured (39 s of a core on 2026-12-05). Production takes it at night.
  export Preau__Backups__Scheduled=false
  if [ "$provider" = Postgres ]; then
    psql -q -d postgres -c "DROP DATABASE IF EXISTS preau_bench" -c "CREATE DATABASE preau_bench" > /dev/null
    export Preau__Database__Provider=Postgres ConnectionStrings__Preau="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=preau_bench;Maximum Pool Size=40;SSL Mode=Disable"
  else
    unset Preau__Database__Provider ConnectionStrings__Preau
  fi
  local began=$SECONDS
  echo "== $provider: territoire de $schools écoles" >&2
  (cd src/Preau.Web && dotnet "$app_dll" seed territory --schools $schools --users-out "$data/users.csv") | grep -v "^ " >&2
  (cd src/Preau.Web && ASPNETCORE_URLS=http://127.0.0.1:$port Preau__Bench__Baseline=true dotnet "$app_dll" > "$data/app.log" 2>&1) &
  local shell=$!
  for _ in $(seq 1 240); do curl -fs http://127.0.0.1:$port/healthz > /dev/null && break; sleep 0.5; done
  local app
  app=$(pgrep -f -n "dotnet $app_dll" || true)
  local base="--base http://127.0.0.1:$port"
  local baseline scenario idle
  baseline=$(bench load $base --app-pid "$app" --baseline --vus $vus --warmup $base_warmup --duration $duration)
  echo "baseline : $baseline" >&2
  scenario=$(bench load $base --app-pid "$app" --users-file "$data/users.csv" --vus $vus --accounts $accounts --warmup $warmup --duration $duration)
  echo "scénario : $scenario" >&2
  idle=$(bench load $base --users-file "$data/users.csv" --vus $idle_vus --accounts $idle_accounts --think-ms $think --duration $idle_duration)
  echo "$idle_vus connectés (réflexion $((think / 1000)) s) : $idle" >&2
  local rss
  rss=$(awk '/VmHWM/ {printf "%d", $2 / 1024}' /proc/$app/status)
  kill "$app" 2> /dev/null || true; wait "$shell" 2> /dev/null || true
  local ratio db_share errors
  ratio=$(awk -v s="$(field rps "$scenario")" -v b="$(field rps "$baseline")" 'BEGIN { printf "%.3f", (b > 0 ? s / b : 0) }')
  errors=$(( $(field errors "$baseline") + $(field errors "$scenario") + $(field errors "$idle") ))
  if [ "$provider" = Postgres ]; then
    # The machine's busy time besides the app and the driver during the measured window: the database.
    db_share=$(field db_cpu_share "$scenario")
  else
    db_share="dans le processus"
  fi
  echo "$provider : mesuré en $((SECONDS - began)) s ; part du processeur de la base pendant le scénario : $db_share ; p99 à $idle_vus connectés : $(field p99_ms "$idle") ms" >&2
  echo "ratio=$ratio p99_ms=$(field p99_ms "$scenario") errors=$errors rss_mib=$rss"
  rm -rf "$data"
}

sqlite=$(run_one Sqlite)
echo "SQLite : $sqlite" >&2
run_one Postgres
