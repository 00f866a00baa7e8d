/**
 * Benchmark harnesses run by hand ({@code bench/storm/run.sh}), never by the test suite: they
 * drive the real services and stores and print figures; they assert nothing about timing.
 */
package io.varde.bench;
