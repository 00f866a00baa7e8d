package io.varde.app;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@link VardeProcess} (package-private, used by the jar tests) opened to the benchmark harnesses
 * in {@code io.varde.bench}: the real jar ({@code -Dvarde.jar}) in a child JVM, started, killed
 * with SIGKILL, or stopped with SIGTERM. Test sources only.
 */
public final class BenchVardeProcess implements AutoCloseable {

    private final VardeProcess process;

    private BenchVardeProcess(VardeProcess process) {
        this.process = process;
    }

    /** Starts {@code varde <args>} with {@code env} (and {@code VARDE_HTTP_PORT=0} unless set). */
    public static BenchVardeProcess start(Map<String, String> env, String... args) throws IOException {
        return new BenchVardeProcess(VardeProcess.start(env, args));
    }

    /** Runs {@code varde <args>} to completion (e.g. {@code validate}). */
    public static Finished run(Map<String, String> env, Duration max, String... args) throws Exception {
        VardeProcess.Finished f = VardeProcess.run(env, max, args);
        return new Finished(f.status(), f.out(), f.err());
    }

    /** A finished run: exit status, standard output and error. */
    public record Finished(int status, String out, String err) {
    }

    /** Waits for a standard error line matching {@code p}; fails with everything seen when none comes. */
    public String awaitErr(Predicate<String> p, Duration max, String what) throws InterruptedException {
        return process.awaitErr(p, max, what);
    }

    /** The web server's base, e.g. {@code http://127.0.0.1:41234}, once it listens. */
    public String webBase(Duration max) throws InterruptedException {
        return process.webBase(max);
    }

    /** True until the process has exited (e.g. it could not open its database). */
    public boolean alive() {
        return process.alive();
    }

    /** The operating system's id of the process. */
    public long pid() {
        return process.pid();
    }

    public List<String> stdout() {
        return process.stdout();
    }

    public List<String> stderr() {
        return process.stderr();
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /**
     * SIGTERM (an operator's stop) with the pipes left open, so its shutdown lines are read;
     * waits up to {@code max} (then SIGKILL) and returns the exit status (143 after SIGTERM).
     */
    public int terminate(Duration max) throws InterruptedException {
        return process.terminate(max);
    }

    /** SIGTERM, and waits for it to exit (without reading its last lines). */
    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
