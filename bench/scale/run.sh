#!/usr/bin/env bash
# Scale benchmark: N HTTP targets at INTERVAL against a local target farm; measures Varde's CPU
# per 1000 checks, its resident memory, and whether the scheduler keeps up.
#
#   bench/scale/run.sh [targets=10000] [interval=30s] [warmup-seconds=90] [measure-seconds=180]
#
# Extra JVM options for Varde: VARDE_JAVA_OPTS (default: the launcher's). The database is the
# embedded H2 file in the temporary data directory (--data), unless VARDE_DB_URL is set; its size
# is reported at the start and end of the measured window, and extrapolated per hour.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
targets=${1:-10000}
interval=${2:-30s}
warmup=${3:-90}
measure=${4:-180}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

[ -f "$root/bot/target/varde.jar" ] || mvn -B -q -f "$root/pom.xml" -DskipTests package

java "$here/TargetFarm.java" > "$work/farm.out" &
until grep -q '^port ' "$work/farm.out" 2>/dev/null; do sleep 0.2; done
port=$(awk '/^port /{print $2; exit}' "$work/farm.out")

mkdir -p "$work/rules"
{
  echo "defaults: { interval: $interval, timeout: 10s }"
  echo "scheduler: { shards: 16, max-concurrent: 512, max-per-host: 512 }"
  echo "targets:"
  for ((i = 0; i < targets; i++)); do
    echo "  - { id: t$i, url: \"http://127.0.0.1:$port/t/$i\", conditions: [\"[STATUS] == 200\"] }"
  done
} > "$work/rules/targets.yaml"

served() { awk '/^served /{n=$2} END{print n+0}' "$work/farm.out"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }

data_kb() { du -sk "$work/data" | awk '{print $1}'; }

# The web server on a free port, to time the status page's API and /metrics at this scale.
web_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export VARDE_HTTP_PORT=$web_port
"$root/varde" run --rules "$work/rules" --data "$work/data" > "$work/alerts.out" 2> "$work/varde.err" &
launcher=$!
sleep 2
pid=$(pgrep -f -n "varde.jar run --rules $work/rules")
echo "targets=$targets interval=$interval varde_pid=$pid farm_port=$port; warming up ${warmup}s"
sleep "$warmup"

hz=$(getconf CLK_TCK)
t0=$(cpu_ticks "$pid"); s0=$(served); d0=$(data_kb); start=$(date +%s.%N); max_rss=0
for ((i = 0; i < measure; i++)); do
  sleep 1
  r=$(rss_kb "$pid"); [ "$r" -gt "$max_rss" ] && max_rss=$r
  (( (i + 1) % 30 == 0 )) && series="${series:-} $(( $(data_kb) / 1024 ))"
done
t1=$(cpu_ticks "$pid"); s1=$(served); d1=$(data_kb); end=$(date +%s.%N)

python3 - "$t0" "$t1" "$s0" "$s1" "$start" "$end" "$hz" "$max_rss" "$targets" "$interval" "$d0" "$d1" <<'PY'
import sys, re
t0, t1, s0, s1 = map(int, sys.argv[1:5]); start, end = map(float, sys.argv[5:7])
hz, rss, n = int(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9])
m = re.fullmatch(r"(\d+)(ms|s|m)", sys.argv[10]); iv = int(m[1]) * {"ms": .001, "s": 1, "m": 60}[m[2]]
wall = end - start; cpu = (t1 - t0) / hz; probes = s1 - s0
print(f"window={wall:.0f}s probes={probes} expected={n * wall / iv:.0f} "
      f"keeps_up={probes / (n * wall / iv):.3f}")
print(f"cpu_seconds={cpu:.1f} cpu_per_1000_probes={1000 * cpu / max(probes, 1):.3f}s "
      f"cpu_cores_used={cpu / wall:.2f} max_rss={rss / 1024:.0f}MiB")
d0, d1 = int(sys.argv[11]), int(sys.argv[12])
print(f"data_dir_start={d0 / 1024:.1f}MiB data_dir_end={d1 / 1024:.1f}MiB "
      f"growth_per_hour={(d1 - d0) / 1024 * 3600 / wall:.0f}MiB "
      f"bytes_per_check={1024 * (d1 - d0) / max(probes, 1):.0f}")
PY
echo "data_dir_every_30s_mib=${series:-}"
# What one refresh of the status page costs at this scale (5 calls each; the median), and a scrape.
for path in /api/targets "/api/incidents?state=open" /metrics /readyz; do
  times=$(for _ in 1 2 3 4 5; do
    curl -s -o "$work/web.out" -w '%{time_total}\n' "http://127.0.0.1:$web_port$path"; done | sort -n)
  echo "web path=$path median_s=$(echo "$times" | sed -n 3p) bytes=$(wc -c < "$work/web.out")"
done
alerts=$(wc -l < "$work/alerts.out")
errors=$(grep -c ' ERROR ' "$work/varde.err" || true)
echo "alerts_printed=$alerts error_log_lines=$errors"
kill "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
ls -l "$work/data"
echo "data_dir_after_stop=$(( $(data_kb) / 1024 ))MiB"
if [ -z "${VARDE_DB_URL:-}" ]; then
  java -cp "$root/bot/target/varde.jar" org.h2.tools.Shell -url "jdbc:h2:file:$work/data/varde" \
    -user varde -password "" -sql "SELECT COUNT(*) AS check_results_rows FROM check_results" || true
fi
grep -E ' (WARN|ERROR) ' "$work/varde.err" | head -n 5 || true
