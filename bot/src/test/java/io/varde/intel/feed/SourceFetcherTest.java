package io.varde.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.varde.intel.IntelSource;
import io.varde.intel.IntelSource.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching sources from a local HTTP server (127.0.0.1, ephemeral port) and from files. */
class SourceFetcherTest {

    static final Instant NOW = Instant.parse("2025-11-13T12:00:00Z");
    static final String LIST = "{\"targets\":[{\"host\":\"www.trm.dk\"}]}";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<HttpExchange> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/list.json", ex -> {
            requests.add(ex);
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("ETag", "\"v1\"");
            ex.getResponseHeaders().add("Last-Modified", "Thu, 13 Nov 2025 09:00:00 GMT");
            send(ex, 200, LIST);
        });
        server.createContext("/latest", ex -> {
            requests.add(ex);
            ex.getResponseHeaders().add("Location", "/2025-10-02_11-10-35_DDoSia-target-list-full.json");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/2025-10-02_11-10-35_DDoSia-target-list-full.json", ex -> send(ex, 200, LIST));
        server.createContext("/broken", ex -> send(ex, 500, "oops"));
        server.createContext("/big", ex -> send(ex, 200, "x".repeat(2048)));
        server.createContext("/big-chunked", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write("x".repeat(100).getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // the client hung up once it had enough: what the test wants
            }
        });
        server.createContext("/slow", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, LIST);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private IntelSource source(String path) {
        return new IntelSource("ddosia", Kind.TASK_LIST,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), Duration.ofMinutes(10), "");
    }

    private static IntelSource file(Path path, Kind kind) {
        return new IntelSource("local", kind, path.toUri(), Duration.ofMinutes(10), "");
    }

    private static String body(Fetched f) throws IOException {
        try (InputStream in = f.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anUnchangedListCostsANotModified() throws IOException {
        SourceFetcher fetcher = new SourceFetcher("1.2.3");

        Fetched first = fetcher.fetch(source("/list.json"), SourceFetcher.Version.NONE, NOW).orElseThrow();
        Optional<Fetched> second = fetcher.fetch(source("/list.json"), first.version(), NOW.plusSeconds(600));

        assertThat(body(first)).isEqualTo(LIST);
        assertThat(first.observedAt()).as("no time in the name: when fetched").isEqualTo(NOW);
        assertThat(first.version()).isEqualTo(new SourceFetcher.Version("\"v1\"", "Thu, 13 Nov 2025 09:00:00 GMT"));
        assertThat(second).isEmpty();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getRequestHeaders().getFirst("User-Agent")).isEqualTo("varde/1.2.3");
        assertThat(requests.get(0).getRequestHeaders().containsKey("If-None-Match")).isFalse();
        assertThat(requests.get(1).getRequestHeaders().getFirst("If-Modified-Since"))
                .isEqualTo("Thu, 13 Nov 2025 09:00:00 GMT");
    }

    @Test
    void redirectsAreFollowedAndTheFinalNameGivesTheTime() throws IOException {
        Fetched f = new SourceFetcher(null).fetch(source("/latest"), SourceFetcher.Version.NONE, NOW).orElseThrow();

        assertThat(body(f)).isEqualTo(LIST);
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2025-10-02T11:10:35Z"));
        assertThat(requests.get(0).getRequestHeaders().getFirst("User-Agent")).isEqualTo("varde/dev");
    }

    @Test
    void anHttpErrorSaysWhichSourceAndStatusButNotTheQuery() {
        IntelSource withKey = new IntelSource("feed", Kind.FEED,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/broken?key=s3cret"),
                Duration.ofMinutes(5), "");

        assertThatThrownBy(() -> new SourceFetcher("1").fetch(withKey, SourceFetcher.Version.NONE, NOW))
                .isInstanceOf(SourceFetcher.FetchException.class)
                .hasMessageEndingWith("/broken?...: HTTP 500")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        SourceFetcher small = new SourceFetcher("1", 1024, Duration.ofSeconds(30));

        assertThatThrownBy(() -> small.fetch(source("/big"), SourceFetcher.Version.NONE, NOW))
                .isInstanceOf(SourceFetcher.FetchException.class)
                .hasMessageEndingWith("/big: larger than 1024 bytes, the most a source may send");
        assertThatThrownBy(() -> small.fetch(source("/big-chunked"), SourceFetcher.Version.NONE, NOW))
                .isInstanceOf(SourceFetcher.FetchException.class)
                .hasMessageEndingWith("/big-chunked: larger than 1024 bytes, the most a source may send");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsAFailure() {
        SourceFetcher impatient = new SourceFetcher("1", SourceFetcher.MAX_BYTES, Duration.ofSeconds(1));

        assertThatThrownBy(() -> impatient.fetch(source("/slow"), SourceFetcher.Version.NONE, NOW))
                .isInstanceOf(SourceFetcher.FetchException.class)
                .hasMessageContaining("/slow: no ")
                .hasMessageContaining("answer within 1s");
    }

    @Test
    void aServerThatIsNotThereIsAFailure() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        IntelSource source = new IntelSource("ddosia", Kind.TASK_LIST, URI.create("http://127.0.0.1:" + port + "/x"),
                Duration.ofMinutes(10), "");

        assertThatThrownBy(() -> new SourceFetcher("1").fetch(source, SourceFetcher.Version.NONE, NOW))
                .isInstanceOf(SourceFetcher.FetchException.class)
                .hasMessage("http://127.0.0.1:" + port + "/x: cannot connect");
    }

    @Test
    void aFileIsReadAgainOnlyWhenItChanged() throws IOException {
        Path list = Files.writeString(dir.resolve("2025-10-03_07-10-31_DDoSia-target-list-full.json"), LIST);
        SourceFetcher fetcher = new SourceFetcher("1");

        Fetched first = fetcher.fetch(file(list, Kind.TASK_LIST), SourceFetcher.Version.NONE, NOW).orElseThrow();
        Optional<Fetched> same = fetcher.fetch(file(list, Kind.TASK_LIST), first.version(), NOW);
        Files.writeString(list, LIST + "\n");
        Optional<Fetched> changed = fetcher.fetch(file(list, Kind.TASK_LIST), first.version(), NOW);

        assertThat(first.observedAt()).as("the time in its name").isEqualTo(Instant.parse("2025-10-03T07:10:31Z"));
        assertThat(body(first)).isEqualTo(LIST);
        assertThat(same).isEmpty();
        assertThat(changed).isPresent();
    }

    @Test
    void aDirectoryGivesItsNewestListByTheTimeInTheNameElseByModificationTime() throws IOException {
        Path older = Files.writeString(dir.resolve("2025-10-02_11-10-35_DDoSia-target-list-full.json"), "{\"a\":1}");
        Files.writeString(dir.resolve("2025-10-03_07-10-31_DDoSia-target-list-full.json"), LIST);
        Files.writeString(dir.resolve("README.md"), "newer, but not a list");
        Files.writeString(dir.resolve("2025-11-01_00-00-00_DDoSia-target-list-full.json.part"), "half");
        Files.setLastModifiedTime(older, FileTime.from(NOW));
        SourceFetcher fetcher = new SourceFetcher("1");

        Fetched f = fetcher.fetch(file(dir, Kind.TASK_LIST), SourceFetcher.Version.NONE, NOW).orElseThrow();
        assertThat(f.name()).endsWith("2025-10-03_07-10-31_DDoSia-target-list-full.json");

        Path unnamed = Files.writeString(dir.resolve("latest.json"), "{\"b\":2}");
        Files.setLastModifiedTime(unnamed, FileTime.from(NOW));
        Fetched newest = fetcher.fetch(file(dir, Kind.TASK_LIST), SourceFetcher.Version.NONE, NOW).orElseThrow();
        assertThat(newest.name()).endsWith("latest.json");
        assertThat(newest.observedAt()).as("no time in its name: when fetched").isEqualTo(NOW);
    }

    @Test
    void aDirectoryWithoutAListIsAFailure() throws IOException {
        Files.writeString(dir.resolve("README.md"), "nothing yet");

        assertThatThrownBy(() -> new SourceFetcher("1").fetch(file(dir, Kind.TASK_LIST), SourceFetcher.Version.NONE, NOW))
                .isInstanceOf(SourceFetcher.FetchException.class)
                .hasMessage(dir + ": no .json file in the directory");
        assertThatThrownBy(() -> new SourceFetcher("1").fetch(file(dir, Kind.FEED), SourceFetcher.Version.NONE, NOW))
                .hasMessage(dir + ": no .xml or .rss or .atom file in the directory");
    }

    @Test
    void aFileOverTheLimitOrMissingIsAFailure() throws IOException {
        Path big = Files.writeString(dir.resolve("big.json"), "x".repeat(2048));

        assertThatThrownBy(() -> new SourceFetcher("1", 1024, Duration.ofSeconds(30))
                .fetch(file(big, Kind.TASK_LIST), SourceFetcher.Version.NONE, NOW))
                .hasMessage(big + ": larger than 1024 bytes, the most a source may send");
        Files.delete(big);
        assertThatThrownBy(() -> new SourceFetcher("1").fetch(file(big, Kind.TASK_LIST), SourceFetcher.Version.NONE, NOW))
                .isInstanceOf(SourceFetcher.FetchException.class)
                .hasMessage(big + ": no such file");
    }
}
