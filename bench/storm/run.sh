#!/usr/bin/env bash
# Incident storm: N targets DOWN at once, then all back UP, through the real IncidentService,
# JDBC stores and DeliveryWorker (see bot/src/test/java/io/varde/bench/IncidentStorm.java).
#
#   bench/storm/run.sh [h2|postgres] [targets=1000] [together|after|slack|campaign]
#
# together (default): the delivery worker runs on its own thread during the storm, as in the bot;
# after: it runs only once all events are applied, which times the intake and the drain apart;
# slack: one Slack channel at its rate limit (1 message/s), without waiting for the backlog;
# campaign: like together, with every event through a Correlator with a campaign rule by sector
# (two campaign incidents growing to N/2 members each).
#
# The harness lives in the test sources (it needs io.zonky embedded-postgres, a test dependency);
# this script compiles them and runs its main with the test classpath. JVM options: STORM_JAVA_OPTS
# (default: -Xms32m -Xmx192m -XX:+UseSerialGC). Logs go to $STORM_LOG
# (default: a temporary file, deleted); they use the production logback.xml (INFO, one line per
# delivery), as the running bot does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kind=${1:-h2}
targets=${2:-1000}
# shellcheck source=../test-main.sh
. "$here/../test-main.sh"
run_test_main io.varde.bench.IncidentStorm "$kind" "$targets" "${3:-together}"
