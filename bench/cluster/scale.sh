#!/usr/bin/env bash
# Cluster scale: NODES real Varde nodes (the jar) on one embedded PostgreSQL sharing N targets of
# a local nginx farm at 30 s, measured per node over WINDOW seconds after the warm-up (checks done
# against due, CPU-seconds per 1,000 checks, peak RSS, shards held); then the peer
# (Prometheus + blackbox_exporter, ../shared/bench/peer_bb.sh) on the same farm for the same
# window, so that both figures come from one run (see docs/BENCHMARKS.md).
#
#   bench/cluster/scale.sh [N=20000] [NODES=2] [WINDOW=120]
#
# Needs nginx (and for the peer prometheus, prometheus-blackbox-exporter), and the peer benchmark's
# farm.sh: BENCH_DIR (default ../shared/bench next to the repository). SKIP_PEER=1 skips the peer.
# It builds the jar first (mvn package, tests skipped); MVN_FLAGS (e.g. -o) go to that build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${1:-20000}; NODES=${2:-2}; W=${3:-120}
bench=${BENCH_DIR:-$root/../shared/bench}
[ -x "$bench/farm.sh" ] || { echo "no farm.sh in $bench (set BENCH_DIR)" >&2; exit 2; }
work=$(mktemp -d); chmod 755 "$work"
export FARM_DIR=$work/farm FARM_STATE=$work/farmstate
trap '"$bench/farm.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$bench/farm.sh" start "$N" >/dev/null
echo "farm: $N targets"
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -DskipTests package
STORM_JAVA_OPTS="${STORM_JAVA_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC} -Dvarde.jar=$root/bot/target/varde.jar"
export STORM_JAVA_OPTS
# in a subshell: run_test_main sets its own work directory and EXIT trap
(
    # shellcheck source=../test-main.sh
    . "$here/../test-main.sh"
    run_test_main io.varde.bench.ClusterScale --urls "$FARM_DIR/targets.txt" --nodes "$NODES" --window "$W" \
        --warmup 90 ${SCALE_LOGS:+--logs "$SCALE_LOGS"}
)
if [ -z "${SKIP_PEER:-}" ]; then
    echo "peer (same farm, same window):"
    WARMUP=45 RESULTS=$work/peer.jsonl python3 "$bench/peer_bb.py" "$N" 30 "$W" >"$work/peer.out" 2>"$work/peer.err" \
        || { tail -5 "$work/peer.err"; exit 1; }
    tail -n 1 "$work/peer.jsonl"
fi
