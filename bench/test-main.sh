# Sourced by the harness scripts whose main lives in the test sources (bench/storm, bench/chat):
#   run_test_main CLASS ARGS...
# compiles the test sources, builds the test classpath, and runs CLASS with the launcher's memory
# settings (STORM_JAVA_OPTS, default -Xms32m -Xmx192m -XX:+UseSerialGC) and the production
# logback.xml; logs go to $STORM_LOG (default: a temporary file, deleted).
run_test_main() {
    local main=$1
    shift
    local root cp
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mvn -B -q -f "$root/pom.xml" -pl bot test-compile
    mvn -B -q -f "$root/pom.xml" -pl bot dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$work/cp.txt" > /dev/null
    cp="$root/bot/target/test-classes:$root/bot/target/classes:$(cat "$work/cp.txt")"
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
    # shellcheck disable=SC2086
    java ${STORM_JAVA_OPTS:--Xms32m -Xmx192m -XX:+UseSerialGC} \
        -Dlogback.configurationFile="$root/bot/src/main/resources/logback.xml" -cp "$cp" "$main" \
        "$@" 2> "${STORM_LOG:-$work/storm.log}"
}
