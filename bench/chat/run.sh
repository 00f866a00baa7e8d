#!/usr/bin/env bash
# Chat storm (issue 13): 500 of 2,000 targets in 5 sectors fail within 30 s, through Varde's real
# chat path (Monitor, Correlator with the shipped sector-campaign rule, IncidentService and the
# outbox on the embedded H2, the DeliveryWorker, SlackBot and DiscordBot as ChatPlatforms wires
# them) into the project's fake Slack (1 post/s per channel) and fake Discord, one channel per
# sector, on the real clock; an unrelated target goes DOWN at 15 s; 200 signed /varde status and
# 200 /varde incidents go to the real web server meanwhile
# (see bot/src/test/java/io/varde/bench/ChatStorm.java).
#
#   bench/chat/run.sh [--deadline 20m]
#
# Prints key=value lines (messages, edits, replies, seconds until each campaign card shows its
# final count, queue drain, unrelated alert, slash command p50/p99), then a table. It stops when
# the outbox is empty and every card is final, or at the deadline.
#
# The harness lives in the test sources (it uses the test fakes); this script compiles them and
# runs its main with the test classpath. JVM options: STORM_JAVA_OPTS (default: -Xms32m -Xmx192m
# -XX:+UseSerialGC). Logs go to $STORM_LOG (default: a temporary file, deleted); they use the
# production logback.xml (INFO, one line per delivery), as the running bot does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../test-main.sh
. "$here/../test-main.sh"
run_test_main io.varde.bench.ChatStorm "$@"
