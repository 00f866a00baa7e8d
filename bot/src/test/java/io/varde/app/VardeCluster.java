package io.varde.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Several real Varde processes on one shared database, for the cluster tests. Each {@link Node} is
 * the jar in its own JVM ({@link VardeProcess}) with its own {@code VARDE_NODE_NAME}, data
 * directory (so its own ctl socket) and HTTP port. {@link #view} reads a node's
 * {@code GET /api/cluster}; {@link #awaitAgreement} waits until every running node names the same
 * coordinator; {@link #elections} reads the {@code event=coordinator_elected} lines.
 *
 * <p>Registered as a JUnit extension ({@code @RegisterExtension}, one per test), it SIGKILLs every
 * node still running after the test, and a shutdown hook does the same if the test JVM is stopped
 * first, so no node outlives its test. A failing test's message gets each node's cluster events
 * and the tail of its standard error.
 */
final class VardeCluster implements AfterEachCallback, TestExecutionExceptionHandler {

    /** A node's web server listening, three JVMs starting at once on two cores. */
    static final Duration START = Duration.ofSeconds(90);
    static final Pattern ELECTED = Pattern.compile("event=coordinator_elected node=(\\S+) epoch=(\\d+)");
    static final Pattern DEPOSED = Pattern.compile("event=coordinator_deposed node=(\\S+) epoch=(\\d+)");
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ASK = Duration.ofSeconds(3);
    private static final int TAIL = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Thread hook;

    /** A member of the cluster as {@code /api/cluster} lists it. */
    record Member(String name, String version, String startedAt, String heartbeatAt, String state,
                  boolean coordinator, List<Integer> shards) {
    }

    /**
     * One node's {@code /api/cluster}: {@code coordinator} is null while nobody holds the lease;
     * {@code json} is the body as it came.
     */
    record View(String coordinator, long epoch, String since, List<Member> nodes, String json) {

        /** The member named {@code name}; fails when the view does not list it. */
        Member member(String name) {
            return nodes.stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no node " + name + " in " + json));
        }

        static View parse(String body) throws IOException {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject() || !root.has("nodes")) {
                throw new IOException("not a cluster view: " + body);
            }
            List<Member> members = new ArrayList<>();
            for (JsonNode n : root.path("nodes")) {
                List<Integer> shards = new ArrayList<>();
                n.path("shards").forEach(s -> shards.add(s.asInt()));
                members.add(new Member(text(n, "name"), text(n, "version"), text(n, "started_at"),
                        text(n, "heartbeat_at"), text(n, "state"), n.path("coordinator").asBoolean(false),
                        List.copyOf(shards)));
            }
            return new View(text(root, "coordinator"), root.path("epoch").asLong(-1), text(root, "since"),
                    List.copyOf(members), body);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /** An {@code event=coordinator_elected} line: who logged it and the epoch it names. */
    record Election(String loggedBy, String node, long epoch) {
    }

    /** One Varde process of the cluster. */
    final class Node {
        private final String name;
        private final Path dataDir;
        private final VardeProcess process;
        private volatile String base;
        private volatile String fate = "running";

        private Node(String name, Path dataDir, VardeProcess process) {
            this.name = name;
            this.dataDir = dataDir;
            this.process = process;
        }

        String name() {
            return name;
        }

        Path dataDir() {
            return dataDir;
        }

        /** {@code http://127.0.0.1:P} of its web server. */
        String base() {
            return base;
        }

        boolean running() {
            return process.alive();
        }

        /** SIGKILL, as a crash or the OOM killer would. */
        void kill() throws InterruptedException {
            fate = "SIGKILLed by the test";
            process.kill();
        }

        /** SIGTERM, as an operator stops it; returns the exit status (SIGKILL after {@code max}). */
        int stop(Duration max) throws InterruptedException {
            fate = "stopped (SIGTERM) by the test";
            return process.terminate(max);
        }

        List<String> stderr() {
            return process.stderr();
        }

        /** {@code GET path} on its web server: the status and body. */
        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(ASK).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** {@code GET path} as JSON; fails with the status and body unless it is a 200 with JSON. */
        JsonNode json(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = get(path);
            if (r.statusCode() != 200) {
                throw new AssertionError(name + ": GET " + path + " answered " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        }

        /** {@code varde ctl --data <its data dir> <words>}, run to completion. */
        VardeProcess.Finished ctl(String... words) throws Exception {
            List<String> args = new ArrayList<>(List.of("ctl", "--data", dataDir.toString()));
            args.addAll(List.of(words));
            return VardeProcess.run(Map.of(), Duration.ofSeconds(30), args.toArray(String[]::new));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Starts one node per name, all at once (as a deployment would), each with {@code env} plus
     * its {@code VARDE_NODE_NAME}, {@code VARDE_DATA_DIR} ({@code dir/<name>}) and
     * {@code VARDE_HTTP_PORT=0}, and {@code varde <args>}; returns once every web server listens.
     */
    List<Node> start(Path dir, Map<String, String> env, List<String> names, String... args) throws Exception {
        installHook();
        List<Node> started = new ArrayList<>();
        for (String name : names) {
            Path data = Files.createDirectories(dir.resolve(name));
            Map<String, String> own = new HashMap<>(env);
            own.put("VARDE_NODE_NAME", name);
            own.put("VARDE_DATA_DIR", data.toString());
            own.put("VARDE_HTTP_PORT", "0");
            Node node = new Node(name, data, VardeProcess.start(own, args));
            nodes.add(node);
            started.add(node);
        }
        for (Node node : started) {
            node.base = node.process.webBase(START);
        }
        return List.copyOf(started);
    }

    Node node(String name) {
        return nodes.stream().filter(n -> n.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name + " in " + nodes));
    }

    /** The nodes whose process is still running. */
    List<Node> running() {
        return nodes.stream().filter(Node::running).toList();
    }

    /**
     * What {@code asked} says of the cluster. An {@link IOException} with the status and body when
     * the answer is not a cluster view; an {@link AssertionError} at once for a 404, since a node's
     * routes are fixed when it starts: waiting would not make the view appear.
     */
    View view(Node asked) throws IOException, InterruptedException {
        HttpResponse<String> r = asked.get("/api/cluster");
        if (r.statusCode() == 404) {
            throw new AssertionError(asked.name + " has no GET /api/cluster: " + r.statusCode() + " " + r.body());
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/cluster answered " + r.statusCode() + " " + r.body());
        }
        return View.parse(r.body());
    }

    /**
     * Waits until every running node answers {@code /api/cluster} with one coordinator and epoch
     * and {@code p} holds for that view; returns it. Fails with each node's last answer.
     */
    View awaitAgreement(String what, Duration max, Predicate<View> p) throws InterruptedException {
        return await(what, max, views -> {
            View first = views.values().iterator().next();
            boolean agreed = views.values().stream().allMatch(v -> v.coordinator() != null
                    && v.coordinator().equals(first.coordinator()) && v.epoch() == first.epoch());
            return agreed && views.values().stream().allMatch(p) ? Optional.of(first) : Optional.empty();
        }, true);
    }

    /** Waits until the view of any running node satisfies {@code p}; returns that view. */
    View awaitAny(String what, Duration max, Predicate<View> p) throws InterruptedException {
        return await(what, max, views -> views.values().stream().filter(p).findFirst(), false);
    }

    private View await(String what, Duration max, java.util.function.Function<Map<Node, View>, Optional<View>> test,
            boolean all) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            Map<String, String> last = new LinkedHashMap<>();
            Map<Node, View> views = new LinkedHashMap<>();
            List<Node> asked = running();
            for (Node node : asked) {
                try {
                    View v = view(node);
                    views.put(node, v);
                    last.put(node.name, v.json());
                } catch (IOException e) {
                    last.put(node.name, e.getMessage());
                }
            }
            boolean complete = !asked.isEmpty() && (all ? views.size() == asked.size() : !views.isEmpty());
            Optional<View> found = complete ? test.apply(views) : Optional.empty();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("no " + what + " within " + max + "; the last answers of GET "
                        + "/api/cluster:");
                last.forEach((name, answer) -> sb.append("\n  ").append(name).append(": ").append(answer));
                throw new AssertionError(sb.toString());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Every {@code coordinator_elected} line so far, node by node in start order. */
    List<Election> elections() {
        List<Election> out = new ArrayList<>();
        for (Node node : nodes) {
            for (String line : node.stderr()) {
                Matcher m = ELECTED.matcher(line);
                if (m.find()) {
                    out.add(new Election(node.name, m.group(1), Long.parseLong(m.group(2))));
                }
            }
        }
        return out;
    }

    /** Every {@code coordinator_deposed} line so far, with the node that logged it first. */
    List<String> depositions() {
        List<String> out = new ArrayList<>();
        for (Node node : nodes) {
            node.stderr().stream().filter(l -> DEPOSED.matcher(l).find()).forEach(l -> out.add(node.name + ": " + l));
        }
        return out;
    }

    /** Each node's fate, cluster events and the tail of its standard error. */
    String report() {
        StringBuilder sb = new StringBuilder();
        for (Node node : nodes) {
            List<String> err = node.stderr();
            sb.append("\n--- node ").append(node.name).append(" (pid ").append(node.process.pid()).append(", ")
                    .append(node.running() ? "running" : node.fate.equals("running") ? "exited by itself" : node.fate)
                    .append(", ").append(node.base).append(", data ").append(node.dataDir).append(")");
            List<String> events = err.stream().filter(l -> l.contains("event=coordinator_")).toList();
            sb.append("\ncluster events: ").append(events.isEmpty() ? "none" : "");
            events.forEach(l -> sb.append("\n  ").append(l));
            int from = Math.max(0, err.size() - TAIL);
            sb.append("\nstderr, last ").append(err.size() - from).append(" of ").append(err.size()).append(" lines:");
            err.subList(from, err.size()).forEach(l -> sb.append("\n  ").append(l));
        }
        return sb.toString();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (nodes.isEmpty()) {
            throw thrown;
        }
        AssertionError explained = new AssertionError(thrown.getMessage() + "\n\nThe nodes:" + report(), thrown);
        explained.setStackTrace(thrown.getStackTrace());
        throw explained;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        try {
            killAll();
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook runs anyway
                }
                hook = null;
            }
        }
    }

    private void killAll() throws InterruptedException {
        for (Node node : nodes) {
            if (node.running()) {
                node.process.kill();
            }
        }
    }

    private void installHook() {
        if (hook == null) {
            hook = new Thread(() -> {
                try {
                    killAll();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "varde-cluster-kill");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }
}
