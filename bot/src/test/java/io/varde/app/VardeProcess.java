package io.varde.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real jar in a child JVM, with its standard output and error read line by line. */
final class VardeProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> err = new LinkedBlockingQueue<>();
    private final List<String> allOut = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> allErr = java.util.Collections.synchronizedList(new ArrayList<>());

    private VardeProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), out, allOut);
        pump(process.getErrorStream(), err, allErr);
    }

    static Path jar() {
        String jar = System.getProperty("varde.jar");
        if (jar == null) {
            throw new IllegalStateException("system property varde.jar is not set; run with mvn verify");
        }
        return Path.of(jar);
    }

    static VardeProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("VARDE_") || k.startsWith("SLACK_") || k.startsWith("DISCORD_"));
        pb.environment().putAll(env);
        pb.environment().putIfAbsent("VARDE_HTTP_PORT", "0"); // any free port: tests never collide on 8080
        return new VardeProcess(pb.start());
    }

    /**
     * Waits for the web server to listen and returns its base, e.g. {@code http://127.0.0.1:41234}
     * (the jar tests run it on port 0).
     */
    String webBase(Duration max) throws InterruptedException {
        String listening = awaitErr(l -> l.contains("event=web_listening"), max, "the web server listening");
        Matcher port = Pattern.compile("address=127\\.0\\.0\\.1:(\\d+)").matcher(listening);
        if (!port.find()) {
            throw new AssertionError("no 127.0.0.1 port in: " + listening);
        }
        return "http://127.0.0.1:" + port.group(1);
    }

    /** The operating system's id of the child process. */
    long pid() {
        return process.pid();
    }

    /** True until the process has exited. */
    boolean alive() {
        return process.isAlive();
    }

    /** Every line written to standard error so far. */
    List<String> errLines() {
        synchronized (allErr) {
            return List.copyOf(allErr);
        }
    }

    /** Runs to completion and returns the exit status. */
    int waitFor(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("varde did not exit within " + max + "; stderr: " + allErr);
        }
        Thread.sleep(100); // let the pumps drain
        return process.exitValue();
    }

    /** Waits for a stdout line matching {@code p}; fails with everything seen when none comes. */
    String awaitOut(Predicate<String> p, Duration max, String what) throws InterruptedException {
        return await(out, p, max, what);
    }

    /** Waits for a stderr line matching {@code p}. */
    String awaitErr(Predicate<String> p, Duration max, String what) throws InterruptedException {
        return await(err, p, max, what);
    }

    private String await(BlockingQueue<String> q, Predicate<String> p, Duration max, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? q.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no " + what + " within " + max + "\nstdout: "
                        + String.join("\n", allOut) + "\nstderr: " + String.join("\n", allErr));
            }
            if (p.test(line)) {
                return line;
            }
        }
    }

    List<String> stdout() {
        synchronized (allOut) {
            return List.copyOf(allOut);
        }
    }

    List<String> stderr() {
        synchronized (allErr) {
            return List.copyOf(allErr);
        }
    }

    private static void pump(InputStream in, BlockingQueue<String> q, List<String> all) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    all.add(line); // first: whoever sees it in the queue finds it in the list too
                    q.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "varde-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Kills the process without warning (SIGKILL on Unix), as a crash or an OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("varde survived SIGKILL");
        }
        Thread.sleep(100); // let the pumps drain
    }

    /** Runs {@code varde <args>} to completion: its exit status and standard output and error. */
    static Finished run(Map<String, String> env, Duration max, String... args) throws Exception {
        try (VardeProcess p = start(env, args)) {
            int status = p.waitFor(max);
            return new Finished(status, String.join("\n", p.stdout()), String.join("\n", p.stderr()));
        }
    }

    /** A finished run. */
    record Finished(int status, String out, String err) {
    }

    /**
     * SIGTERM through the process handle, which, unlike {@link Process#destroy()}, leaves the
     * pipes open, so the lines the bot writes while it stops are read too; waits up to {@code max}
     * for the exit (then SIGKILL) and returns the exit status.
     */
    int terminate(Duration max) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        Thread.sleep(200); // let the pumps drain
        return process.exitValue();
    }

    /** Stops the bot as an operator would (SIGTERM) and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
