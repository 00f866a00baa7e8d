#!/usr/bin/env bash
# Cluster chaos: three real nodes (the jar, each in its own JVM) on one embedded PostgreSQL, in
# Slack HTTP mode against the project's fake Slack (every Web API call answered 300-500 ms after it
# took effect) as the default channel. 1,000 local sites checked every 5 s; 300 of them fail and
# recover in 6 seeded waves of 50; meanwhile 20 SIGKILLs of random nodes at seeded moments (each
# started again under the same name 3-6 s after its kill, a coordinator 3-6 s after another node
# took over), and PostgreSQL stopped for 60 s in the middle
# wave and started again on the same data directory and port (see
# bot/src/test/java/io/varde/bench/ClusterChaos.java).
#
#   bench/cluster/run.sh [--kills 20] [--seed 1] [--targets 1000] [--outage 60s] [--deadline 30m]
#                        [--logs DIR] [--waves 6]
#
# Prints key=value lines (lost, duplicates, incidents opened/resolved, posts/edits/replies,
# takeover_min/median/max_s, kills_coordinator/standby, outage_s, what /readyz said during the
# outage, lost-node notices apart, delays from opening to the post), any problem found, then a
# table. --logs DIR keeps each node process's standard output and error, the Slack channel and the
# incidents and outbox.
#
# It builds the jar first (mvn package, tests skipped) and hands its path to the harness as the
# varde.jar system property, as the jar tests get it; the harness lives in the test sources (it
# uses the test fakes) and runs through bench/test-main.sh. MVN_FLAGS (e.g. -o) go to that build.
# Takes about 18 min on 2 cores: the storm is 8 min, then the one Slack channel (1 message a second)
# catches up for about 9 more.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -DskipTests package
STORM_JAVA_OPTS="${STORM_JAVA_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC} -Dvarde.jar=$root/bot/target/varde.jar"
export STORM_JAVA_OPTS
# shellcheck source=../test-main.sh
. "$here/../test-main.sh"
run_test_main io.varde.bench.ClusterChaos "$@"
