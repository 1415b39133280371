#!/usr/bin/env bash
# Webhook load with a C client: publishes the app (Release), installs wrk when missing (apt, as root), then drives a
# raw Kestrel endpoint, the app's bare endpoint and signed TaskRouter events in one run. Results: bench/RESULTS.md.
# Usage: bench/wrk.sh [seconds=10] [connections=200]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
# Published as README's "Running in production" says: ReadyToRun, so start-up does not wait on the JIT.
dotnet publish TwilioConsole.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o artifacts/bench/publish -nologo -v q
dotnet build TwilioConsole.Benchmarks -c Release -nologo -v q
dotnet run --no-build -c Release --project TwilioConsole.Benchmarks -- wrk artifacts/bench/publish "${1:-10}" "${2:-200}"
