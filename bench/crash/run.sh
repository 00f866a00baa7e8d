#!/usr/bin/env bash
# Crash storm: the real jar in Slack HTTP mode against the project's fake Slack (1 post/s per
# channel, every Web API call answered 300-500 ms after it took effect), SIGKILLed at seeded random
# moments while 45 of 60 local sites (3 sectors, the shipped sector-campaign rule, one Slack
# channel per sector, group-wait 5s, thread-interval 10s) go down and come back, and started again
# on the same data directory each time (see bot/src/test/java/io/varde/bench/CrashStorm.java).
#
#   bench/crash/run.sh [--kills 20] [--recovery-kills 3] [--rounds 1] [--seed 1] [--deadline 15m] [--logs DIR]
#
# Prints key=value lines (lost, duplicated_posts, duplicated_replies, repeated_edits,
# messages_posted, duplicates_per_1000_messages, kills,
# messages, edits, replies, incidents, outbox rows by status), any problem found, then a table.
# --logs DIR keeps each instance's standard output and error.
#
# It builds the jar first (mvn package, tests skipped) and hands its path to the harness as the
# varde.jar system property, as the jar tests get it; the harness lives in the test sources (it
# uses the test fakes) and runs through bench/test-main.sh. MVN_FLAGS (e.g. -o) go to that build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -DskipTests package
STORM_JAVA_OPTS="${STORM_JAVA_OPTS:--Xms32m -Xmx192m -XX:+UseSerialGC} -Dvarde.jar=$root/bot/target/varde.jar"
export STORM_JAVA_OPTS
# shellcheck source=../test-main.sh
. "$here/../test-main.sh"
run_test_main io.varde.bench.CrashStorm "$@"
