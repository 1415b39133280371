#!/usr/bin/env bash
# Runs every test of TwilioConsole and ends with one line: "N passed, N failed, N skipped".
#   .NET lanes: Unit, Components, Integration, Contract (Prism mocks of Twilio's OpenAPI specs), E2E (chromium),
#               PostgreSql (two app processes on a throwaway PostgreSQL server)
#   node suites: flex-plugin/ (jest) and assets/functions/ (node --test)
# A lane or suite that is missing, ran no test or skipped every test fails, and is named above the last line.
# Installs what it needs: npm packages (npm ci), Debian's chromium and postgresql (apt-get, when missing and run as root).
# Usage: ./test.sh            all lanes
#        LANES="Unit Integration" ./test.sh   only some .NET lanes (node suites run when LANES is unset)
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
logs="$root/artifacts/test-logs"
mkdir -p "$logs"
shared="$root/../shared/twilio-contract"
all_lanes="Unit Components Integration Contract E2E PostgreSql"
lanes=${LANES:-$all_lanes}

passed=0; failed=0; skipped=0; broken=()

note() { printf '\n== %s\n' "$*"; }

lane_rows=()
add_counts() { # name passed failed skipped
  passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + $4))
  lane_rows+=("$(printf '%-14s %4d passed, %d failed, %d skipped' "$1" "$2" "$3" "$4")")
  printf '   %-14s %4d passed, %d failed, %d skipped\n' "$1" "$2" "$3" "$4"
}

# A lane or suite in which no test ran, or every test skipped, proves nothing: it fails, named.
require_ran() { # name passed failed skipped
  if [ "$(($2 + $3))" -eq 0 ]; then
    failed=$((failed + 1))
    if [ "$4" -gt 0 ]; then broken+=("$1 (every test skipped)"); echo "   $1: every test skipped, which counts as a failure"
    else broken+=("$1 (no test ran)"); echo "   $1: no test ran, which counts as a failure"; fi
    return 1
  fi
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  if [ "$(id -u)" = 0 ]; then
    note "installing Debian chromium for the E2E lane"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >"$logs/apt-chromium.log" 2>&1 \
      || echo "   chromium install failed; see $logs/apt-chromium.log"
  else
    echo "   /usr/bin/chromium is missing and this is not root: the E2E lane fails (install chromium)."
  fi
}

# A throwaway PostgreSQL server for the PostgreSql lane: Debian's package (installed when missing and root), a data
# folder under /tmp, a loopback port; initdb refuses root, so as root it runs as the "postgres" user.
pg_dir=""
start_postgres() {
  local initdb; initdb=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)
  if [ -z "$initdb" ] && [ "$(id -u)" = 0 ]; then
    note "installing Debian postgresql for the PostgreSql lane"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >"$logs/apt-postgresql.log" 2>&1
    initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)
  fi
  [ -n "$initdb" ] || { echo "   no PostgreSQL found: the PostgreSql lane fails (install postgresql)."; return 1; }
  local bin; bin=$(dirname "$initdb"); local as=() port try
  pg_dir=$(mktemp -d /tmp/twilio-console-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$pg_dir/data" -U console --auth=trust -E UTF8 >"$logs/postgres-initdb.log" 2>&1 || { echo "   initdb failed; see $logs/postgres-initdb.log"; return 1; }
  # A loopback port below the kernel's ephemeral range (32768 up), where the earlier lanes' own connections cannot have
  # taken it; if one is taken all the same, another is tried before the lane is given up.
  for try in 1 2 3; do
    port=$((25400 + RANDOM % 1000))
    "${as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200" \
      -l "$pg_dir/server.log" -w start >"$logs/postgres-start.log" 2>&1 && break
    echo "   PostgreSQL did not start on port $port (try $try of 3):"; tail -3 "$pg_dir/server.log" 2>/dev/null | sed 's/^/   | /'
    [ "$try" = 3 ] && { cp "$pg_dir/server.log" "$logs/postgres-server.log" 2>/dev/null; return 1; }
  done
  pg_stop=("${as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -m fast stop)
  export TWILIO_CONSOLE_PG="Host=127.0.0.1;Port=$port;Username=console;Database=postgres"
}
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  "${pg_stop[@]}" >/dev/null 2>&1 || true
  cp "$pg_dir/server.log" "$logs/postgres-server.log" 2>/dev/null || true
  rm -rf "$pg_dir"; pg_dir=""; unset TWILIO_CONSOLE_PG
}

dotnet_lane() { # lane
  local lane=$1 log="$logs/dotnet-$1.log" rc
  dotnet test --project TwilioConsole.Tests --no-build --filter-trait "Lane=$lane" >"$log" 2>&1
  rc=$?
  local ok fail skip
  ok=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  fail=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  skip=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  add_counts "$lane" "${ok:-0}" "${fail:-0}" "${skip:-0}"
  require_ran "$lane" "${ok:-0}" "${fail:-0}" "${skip:-0}" || return 0
  if [ "$rc" -ne 0 ]; then
    [ "${fail:-0}" -eq 0 ] && failed=$((failed + 1)) # it broke without a failing test (no test ran, a crash): count it
    broken+=("$lane (exit $rc, log $log)")
    # each failed test's name and message, with what was found instead (xunit's Actual, Playwright's "But was")
    grep -E '^failed |Assert|Exception|^\s*(Expected|Actual|But was|Received)|Call log' "$log" | head -30 | sed 's/^/   | /'
  fi
}

# npm packages first: the node suites need them, and so does a .NET test that builds the plugin's rules with esbuild.
declare -A npm_broken=()
note "installing npm packages (npm ci)"
for pair in flex-plugin:flex-plugin functions:assets/functions; do
  name=${pair%%:*}; dir=${pair#*:}
  if [ ! -f "$dir/package.json" ] || ! command -v npm >/dev/null; then
    npm_broken[$name]="$dir/package.json or npm is missing"
  elif ! (cd "$dir" && npm ci --no-audit --no-fund >"$logs/npm-ci-$name.log" 2>&1); then
    npm_broken[$name]="npm ci failed; see $logs/npm-ci-$name.log"
  fi
  echo "   $dir: ${npm_broken[$name]:-ok}"
done

# The Flex page deploys the bundle built from flex-plugin/; its E2E journey needs it built before the .NET lanes.
if [ -z "${npm_broken[flex-plugin]:-}" ] && ! (cd flex-plugin && npm run build >"$logs/npm-build-flex-plugin.log" 2>&1); then
  npm_broken[flex-plugin]="npm run build failed; see $logs/npm-build-flex-plugin.log"
  echo "   flex-plugin: ${npm_broken[flex-plugin]}"
fi

note "building"
if ! dotnet build TwilioConsole.sln -nologo -v q >"$logs/build.log" 2>&1; then
  grep -E 'error' "$logs/build.log" | sort -u | head -30
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

for lane in $lanes; do
  note ".NET lane $lane"
  case $lane in
    Contract)
      if [ -x "$shared/start.sh" ] && command -v node >/dev/null; then
        if "$shared/start.sh" >"$logs/contract-start.log" 2>&1; then
          TWILIO_CONTRACT_REQUIRED=1 dotnet_lane Contract
        else
          echo "   the Prism mocks did not start; see $logs/contract-start.log"
          TWILIO_CONTRACT_REQUIRED=1 dotnet_lane Contract
        fi
        "$shared/stop.sh" >/dev/null 2>&1 || true
      else
        echo "   ../shared/twilio-contract or node is missing: the Contract lane fails."
        TWILIO_CONTRACT_REQUIRED=1 dotnet_lane Contract
      fi
      ;;
    E2E) ensure_chromium; CI=true dotnet_lane E2E ;; # CI=true: a missing browser fails the lane instead of skipping it
    PostgreSql)
      start_postgres || true
      TWILIO_PG_REQUIRED=1 dotnet_lane PostgreSql
      stop_postgres
      ;;
    *) dotnet_lane "$lane" ;;
  esac
done

node_suite() { # name dir command...
  local name=$1 dir=$2; shift 2
  local log="$logs/node-$name.log"
  note "node suite $name"
  if [ -n "${npm_broken[$name]:-}" ]; then
    echo "   ${npm_broken[$name]}"
    failed=$((failed + 1)); broken+=("$name (${npm_broken[$name]})")
    return
  fi
  (cd "$dir" && "$@") >"$log" 2>&1
  local rc=$? ok fail skip
  # jest: "Tests:       1 skipped, 2 failed, 10 passed, 13 total"; node --test: "# pass 5", "# fail 0", "# skipped 0"
  if grep -qE '^Tests:' "$log"; then
    local line; line=$(grep -E '^Tests:' "$log" | tail -1)
    ok=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+'); fail=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
    skip=$(grep -oE '[0-9]+ (skipped|todo)' <<<"$line" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  else
    ok=$(grep -E '^# pass [0-9]+' "$log" | grep -oE '[0-9]+'); fail=$(grep -E '^# fail [0-9]+' "$log" | grep -oE '[0-9]+')
    skip=$(grep -E '^# (skipped|todo) [0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  fi
  add_counts "$name" "${ok:-0}" "${fail:-0}" "${skip:-0}"
  require_ran "$name" "${ok:-0}" "${fail:-0}" "${skip:-0}" || return 0
  if [ "$rc" -ne 0 ]; then
    [ "${fail:-0}" -eq 0 ] && failed=$((failed + 1))
    broken+=("$name (exit $rc, log $log)")
    tail -30 "$log" | sed 's/^/   | /'
  fi
}

if [ -z "${LANES:-}" ]; then
  node_suite flex-plugin flex-plugin npm test
  node_suite functions assets/functions npm test
fi

echo
echo "Per lane:"
printf '   %s\n' "${lane_rows[@]}"
if [ ${#broken[@]} -gt 0 ]; then
  echo "Failed: ${broken[*]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
