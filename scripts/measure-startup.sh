#!/usr/bin/env bash
# Measures the default run: start-up time (as Spring Boot reports it and until /actuator/health
# answers UP) and resident memory (RSS) after start-up and after 20 submitted requests.
# Usage: scripts/measure-startup.sh   (builds the jar first; uses a throw-away data folder and port 18080)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp package -DskipTests
jar=$(ls target/dsr-flow-*.jar | head -n 1)
work=$(mktemp -d)
port=18080
start=$(date +%s.%N)
(cd "$work" && exec java -jar "$OLDPWD/$jar" --server.port=$port --dsr.public-base-url=http://localhost:$port \
  --dsr.rate-limits.submissions-per-hour=1000 > app.log 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do
  if curl -fs "http://localhost:$port/actuator/health" 2>/dev/null | grep -q UP; then break; fi
  sleep 0.25
done
ready=$(date +%s.%N)
java_pid=$(pgrep -P $pid java || echo $pid)
echo "spring boot: $(grep -o 'Started DsrFlowApplication in [0-9.]* seconds' "$work/app.log")"
printf 'until healthy: %.1f s\n' "$(echo "$ready - $start" | bc)"
echo "RSS after start-up: $(( $(ps -o rss= -p "$java_pid") / 1024 )) MiB"
for i in $(seq 1 20); do
  curl -fs -o /dev/null -X POST "http://localhost:$port/api/requests" -H 'Content-Type: application/json' \
    -d "{\"type\":\"ACCESS\",\"name\":\"Bench $i\",\"email\":\"bench$i@example.com\",\"site\":\"SE\",\"language\":\"en\"}"
done
sleep 5
echo "RSS after 20 requests: $(( $(ps -o rss= -p "$java_pid") / 1024 )) MiB"
