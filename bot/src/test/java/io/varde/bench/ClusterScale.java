package io.varde.bench;

import io.varde.testing.StoppablePostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale of a cluster: {@code --nodes} real Varde processes (the jar) on one embedded PostgreSQL
 * share the targets of a local farm ({@code --urls FILE}, one URL a line, e.g. the nginx farm of
 * {@code ../shared/bench/farm.sh}), checked every 30 s (timeout 5 s, {@code [STATUS] == 200}, 5
 * sectors, as the peer benchmark's Varde). After the warm-up and once every shard runs somewhere,
 * it measures each node over {@code --window}: checks done (its {@code varde_checks_total}), CPU
 * seconds (from {@code /proc}), CPU per 1,000 checks, peak RSS, shards held; PostgreSQL's CPU (every
 * {@code postgres} process); and the cluster's checks against those due (N x window / 30 s). Prints {@code key=value} lines. Run by
 * {@code bench/cluster/scale.sh}.
 */
public final class ClusterScale {

    private static final Pattern CHECKS = Pattern.compile("(?m)^varde_checks_total\\{[^}]*} ([0-9.eE+]+)$");
    private static final Pattern PORT = Pattern.compile("event=web_listening address=127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long HZ = 100; // USER_HZ: what /proc/PID/stat counts in on Linux

    private ClusterScale() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        List<String> urls = Files.readAllLines(Path.of(o.getOrDefault("urls", "targets.txt"))).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        int nodes = Integer.parseInt(o.getOrDefault("nodes", "2"));
        Duration window = Duration.ofSeconds(Long.parseLong(o.getOrDefault("window", "120")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "90")));
        String javaOpts = o.getOrDefault("java-opts", "-Xms32m -Xmx256m -XX:+UseSerialGC");
        Path dir = Files.createTempDirectory("varde-cluster-scale");
        Path logs = o.containsKey("logs") ? Files.createDirectories(Path.of(o.get("logs"))) : dir;
        Path rules = rules(dir, urls);
        List<Process> processes = new ArrayList<>();
        try (StoppablePostgres pg = StoppablePostgres.open(dir.resolve("pg"))) {
            pg.createDatabase("scale");
            Map<String, String> bases = new LinkedHashMap<>();
            for (int i = 1; i <= nodes; i++) {
                String name = "n" + i;
                Path data = Files.createDirectories(dir.resolve(name));
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.addAll(List.of(javaOpts.split("\\s+")));
                cmd.addAll(List.of("-jar", System.getProperty("varde.jar"), "run", "--rules", rules.toString()));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().keySet().removeIf(k -> k.startsWith("VARDE_") || k.startsWith("SLACK_")
                        || k.startsWith("DISCORD_"));
                pb.environment().putAll(Map.of("VARDE_DB_URL", pg.jdbcUrl("scale"), "VARDE_DB_USER",
                        StoppablePostgres.USER, "VARDE_DB_PASSWORD", StoppablePostgres.USER, "VARDE_NODE_NAME", name,
                        "VARDE_DATA_DIR", data.toString(), "VARDE_HTTP_PORT", "0", "MALLOC_ARENA_MAX", "2"));
                pb.redirectOutput(logs.resolve(name + ".out").toFile());
                pb.redirectError(logs.resolve(name + ".err").toFile());
                processes.add(pb.start());
                bases.put(name, "http://127.0.0.1:" + port(logs.resolve(name + ".err"), Duration.ofSeconds(90)));
            }
            System.out.printf(Locale.ROOT, "targets=%d nodes=%d interval_s=30 window_s=%d warmup_s=%d%n", urls.size(),
                    nodes, window.toSeconds(), warmup.toSeconds());
            Thread.sleep(warmup.toMillis());
            String spread = awaitShards(bases.values().iterator().next(), Duration.ofSeconds(60));
            System.out.println("shards=" + spread);
            long[] cpu0 = new long[nodes];
            double[] checks0 = new double[nodes];
            List<String> names = List.copyOf(bases.keySet());
            for (int i = 0; i < nodes; i++) {
                cpu0[i] = cpuTicks(processes.get(i).pid());
                checks0[i] = checks(bases.get(names.get(i)));
            }
            long pg0 = postgresTicks();
            long t0 = System.nanoTime();
            Thread.sleep(window.toMillis());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double all = 0;
            double allCpu = 0;
            for (int i = 0; i < nodes; i++) {
                double cpu = (cpuTicks(processes.get(i).pid()) - cpu0[i]) / (double) HZ;
                double done = checks(bases.get(names.get(i))) - checks0[i];
                all += done;
                allCpu += cpu;
                System.out.printf(Locale.ROOT, "node=%s checks=%.0f cpu_s=%.1f cpu_per_1000=%.3f cores=%.2f "
                                + "hwm_mib=%d%n", names.get(i), done, cpu, 1000 * cpu / Math.max(done, 1), cpu / seconds,
                        hwmKib(processes.get(i).pid()) / 1024);
            }
            double pgCpu = (postgresTicks() - pg0) / (double) HZ;
            System.out.printf(Locale.ROOT, "postgres: cpu_s=%.1f cpu_per_1000=%.3f cores=%.2f%n", pgCpu,
                    1000 * pgCpu / Math.max(all, 1), pgCpu / seconds);
            double expected = urls.size() * seconds / 30;
            System.out.printf(Locale.ROOT, "cluster: window_s=%.0f checks=%.0f expected=%.0f keeps_up=%.3f "
                    + "cpu_per_1000=%.3f shards_after=%s%n", seconds, all, expected, all / expected,
                    1000 * allCpu / Math.max(all, 1), awaitShards(bases.values().iterator().next(), Duration.ZERO));
            int errors = 0;
            for (String name : names) {
                errors += (int) Files.readAllLines(logs.resolve(name + ".err")).stream()
                        .filter(l -> l.contains(" ERROR ")).count();
            }
            System.out.println("errors=" + errors);
        } finally {
            for (Process p : processes) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }

    private static Path rules(Path dir, List<String> urls) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        String[] sectors = {"government", "municipal", "transport", "defence", "health"};
        StringBuilder b = new StringBuilder("defaults: { interval: 30s, timeout: 5s }\n"
                + "scheduler: { max-per-host: 100000 }\ntargets:\n");
        for (int i = 0; i < urls.size(); i++) {
            b.append("  - { id: t").append(i).append(", url: \"").append(urls.get(i)).append("\", labels: { sector: ")
                    .append(sectors[i % 5]).append(" }, conditions: [\"[STATUS] == 200\"] }\n");
        }
        Files.writeString(rules.resolve("targets.yaml"), b.toString());
        return rules;
    }

    private static int port(Path err, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.exists(err) ? Files.readString(err) : "");
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no web server in " + err + " within " + max);
    }

    /** Each node's shard count, once every shard runs somewhere (or at once with {@code max} zero). */
    private static String awaitShards(String base, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Pattern node = Pattern.compile("\"name\":\"([^\"]+)\"[^}]*?\"shards\":\\[([0-9,]*)]");
        while (true) {
            String body = get(base + "/api/cluster");
            Map<String, Integer> held = new LinkedHashMap<>();
            Matcher m = node.matcher(body);
            int total = 0;
            while (m.find()) {
                int n = m.group(2).isEmpty() ? 0 : m.group(2).split(",").length;
                held.put(m.group(1), n);
                total += n;
            }
            if (total >= 60 || System.nanoTime() >= deadline) {
                return held.toString().replace(" ", "");
            }
            Thread.sleep(1_000);
        }
    }

    private static double checks(String base) throws Exception {
        Matcher m = CHECKS.matcher(get(base + "/metrics"));
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    /** CPU ticks of every {@code postgres} process now (the embedded server's, on a bench machine). */
    private static long postgresTicks() throws IOException {
        long sum = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        sum += cpuTicks(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return sum;
    }

    private static long hwmKib(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
