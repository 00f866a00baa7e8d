package io.varde.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The web edge against clients that misbehave: raw sockets on loopback against the real server.
 * Stalled clients (slowloris), trickling clients, oversized headers and bodies, bodies cut short,
 * and more connections than allowed. Several client addresses are used (127.0.0.2, 127.0.0.3,
 * ...: Linux routes all of 127/8 to the loopback interface), so the per-address cap is not what
 * refuses them. Every test also listens to the root logger at INFO: nothing a client does may
 * leave a line there beyond what the test expects.
 */
class WebEdgeAbuseTest {

    private static final String HEALTHZ = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;
    private WebServer server;

    @BeforeEach
    void listen() {
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stop() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
        if (server != null) {
            server.close();
        }
        root.detachAppender(log);
        root.setLevel(rootLevel);
    }

    private void start(WebLimits limits) throws IOException {
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(
                Route.get("/healthz", r -> Response.text(200, "alive")),
                Route.post("/echo", r -> {
                    handled.incrementAndGet();
                    return Response.text(200, "got " + r.body().readAllBytes().length);
                })), limits);
        log.list.clear();
    }

    @Test
    void healthzAnswersWithinASecondWhile200StalledSocketsAreHeldOpen() throws Exception {
        start(WebLimits.DEFAULTS);
        assertThat(exchange("127.0.0.1", HEALTHZ)).startsWith("HTTP/1.1 200");

        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Socket s = connect("127.0.0." + (2 + i % 10));
            if (i % 2 == 0) {
                send(s, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaa");
            } else {
                send(s, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 100\r\n\r\n0123456789");
            }
            stalled.add(s);
        }
        await(() -> server.openConnections() == 200, "200 connections open");

        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            String response = exchange("127.0.0.1", HEALTHZ);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(response).startsWith("HTTP/1.1 200").endsWith("alive");
            assertThat(ms).as("connect to full response, ms").isLessThan(1000);
        }
        await(() -> server.openConnections() == 200, "the fresh clients' connections closed");
        for (Socket s : stalled) {
            assertThat(s.getInputStream().available()).isZero();
        }
        assertThat(handled).hasValue(0);
        assertThat(lines()).isEmpty();
    }

    @Test
    void oneAddressGetsAtMostItsShareOfConnections() throws Exception {
        start(WebLimits.DEFAULTS.withConnections(3, 5));
        for (int i = 0; i < 3; i++) {
            send(connect("127.0.0.2"), "GET /healthz HTTP/1.1\r\n");
        }
        await(() -> server.openConnections() == 3, "3 connections open");

        Socket fourth = connect("127.0.0.2");

        assertThat(closedByServer(fourth)).as("a 4th connection from 127.0.0.2 is closed").isTrue();
        assertThat(exchange("127.0.0.3", HEALTHZ)).as("another address is served").startsWith("HTTP/1.1 200");
        await(() -> server.openConnections() == 3, "the 3 from 127.0.0.2 still open, the others closed");
    }

    @Test
    void beyondTheTotalNewConnectionsAreClosedUntilOneEnds() throws Exception {
        start(WebLimits.DEFAULTS.withConnections(3, 5));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Socket s = connect("127.0.0." + (2 + i % 2));
            send(s, "GET /healthz HTTP/1.1\r\n");
            held.add(s);
        }
        await(() -> server.openConnections() == 5, "5 connections open");

        Socket sixth = connect("127.0.0.4");

        assertThat(closedByServer(sixth)).as("a 6th connection is closed").isTrue();
        held.get(0).close();
        await(() -> server.openConnections() == 4, "one connection ended");
        assertThat(exchange("127.0.0.4", HEALTHZ)).as("then a new one is served").startsWith("HTTP/1.1 200");
        assertThat(lines()).as("refusals are noted once, at info, without a stack trace")
                .singleElement().satisfies(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.INFO);
                    assertThat(e.getFormattedMessage())
                            .startsWith("event=web_connections_refused cap=total limit=5 address=127.0.0.4");
                    assertThat(e.getThrowableProxy()).isNull();
                });
    }

    @Test
    void aClientSilentMidHeadersIsClosedAfterTheIdleTimeout() throws Exception {
        start(WebLimits.DEFAULTS.withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(30)));
        Socket s = connect("127.0.0.2");
        send(s, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half");

        assertThat(closedByServer(s)).isTrue();
        assertThat(lines()).isEmpty();
    }

    @Test
    void aClientTricklingItsHeadersIsClosedAfterTheRequestTime() throws Exception {
        start(WebLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        Socket s = connect("127.0.0.2");
        send(s, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");

        // one byte every 200 ms never lets the idle timeout (2 s) fire; 30 s of it would be 150 bytes
        boolean closed = false;
        Instant giveUp = Instant.now().plusSeconds(30);
        while (!closed && Instant.now().isBefore(giveUp)) {
            try {
                send(s, "a");
                Thread.sleep(200);
            } catch (IOException e) {
                closed = true;
            }
            closed = closed || serverClosedNow(s);
        }

        assertThat(closed).as("closed while still trickling").isTrue();
        assertThat(exchange("127.0.0.2", HEALTHZ)).startsWith("HTTP/1.1 200");
        assertThat(lines()).isEmpty();
    }

    @Test
    void aClientTricklingItsBodyIsClosedAfterTheRequestTime() throws Exception {
        start(WebLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        Socket s = connect("127.0.0.2");
        send(s, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n");

        boolean closed = false;
        Instant giveUp = Instant.now().plusSeconds(30);
        while (!closed && Instant.now().isBefore(giveUp)) {
            try {
                send(s, "a");
                Thread.sleep(200);
            } catch (IOException e) {
                closed = true;
            }
            closed = closed || serverClosedNow(s);
        }

        assertThat(closed).as("closed while still trickling").isTrue();
        assertThat(handled).hasValue(0);
        assertThat(lines()).isEmpty();
    }

    @Test
    void aMegabyteOfHeadersGets431() throws Exception {
        start(WebLimits.DEFAULTS);
        String big = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + ("X-Filler: " + "a".repeat(990) + "\r\n").repeat(1024)
                + "\r\n";

        assertThat(statusAfterSending("127.0.0.2", big)).startsWith("HTTP/1.1 431");
        assertThat(exchange("127.0.0.2", HEALTHZ)).startsWith("HTTP/1.1 200");
        assertThat(lines()).isEmpty();
    }

    @Test
    void headersJustOver8KiBGet431AndJustUnderAreServed() throws Exception {
        start(WebLimits.DEFAULTS);
        String head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Filler: ";
        int room = WebLimits.MAX_HEADER_BYTES - head.length() - 4;

        String over = exchange("127.0.0.2", head + "a".repeat(room + 16) + "\r\n\r\n");
        String under = exchange("127.0.0.2", head + "a".repeat(room - 16) + "\r\n\r\n");

        assertThat(over).startsWith("HTTP/1.1 431").contains("Content-Type: application/json")
                .endsWith("{\"error\":\"request headers larger than 8192 bytes\"}");
        assertThat(under).startsWith("HTTP/1.1 200");
        assertThat(lines()).isEmpty();
    }

    @Test
    void aTooLongRequestLineIsRefused() throws Exception {
        start(WebLimits.DEFAULTS);

        String status = statusAfterSending("127.0.0.2",
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(status).isEqualTo("HTTP/1.1 414 URI Too Long");
        assertThat(lines()).isEmpty();
    }

    @Test
    void aDeclared100MegabyteBodyGets413BeforeAnyOfItIsSent() throws Exception {
        start(WebLimits.DEFAULTS);
        Socket s = connect("127.0.0.2");
        s.setSoTimeout(5_000);

        send(s, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: "
                + 100L * 1024 * 1024 + "\r\n\r\n");
        String response = readAll(s);

        assertThat(response).startsWith("HTTP/1.1 413").contains("Connection: close")
                .endsWith("{\"error\":\"body larger than 1048576 bytes\"}");
        assertThat(handled).hasValue(0);
        assertThat(lines()).isEmpty();
    }

    @Test
    void aChunkedBodyGrowingPastTheCapGets413() throws Exception {
        start(WebLimits.DEFAULTS);
        Socket s = connect("127.0.0.2");
        send(s, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = Integer.toHexString(64 * 1024) + "\r\n" + "a".repeat(64 * 1024) + "\r\n";
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 32; i++) {
                    send(s, chunk);
                }
            } catch (IOException e) {
                // the server closed the connection once it had answered
            }
        });

        assertThat(readStatusLine(s)).startsWith("HTTP/1.1 413");
        writing.get(30, TimeUnit.SECONDS);
        assertThat(handled).hasValue(0);
        assertThat(lines()).isEmpty();
    }

    @Test
    void bodiesStalledInMemoryAreCappedInAllAnd503TheRest() throws Exception {
        start(WebLimits.DEFAULTS.withBodies(256 * 1024, 256 * 1024));
        String head = "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + 200 * 1024 + "\r\n\r\n";
        Socket first = connect("127.0.0.2");
        send(first, head + "a".repeat(150 * 1024));
        await(() -> server.bufferedBodyBytes() == 150 * 1024, "the first body held");

        Socket second = connect("127.0.0.3");
        send(second, head + "a".repeat(150 * 1024));

        assertThat(readAll(second)).startsWith("HTTP/1.1 503").contains("Retry-After: 5");
        first.close();
        await(() -> server.bufferedBodyBytes() == 0, "the first body let go when its client left");
        assertThat(exchange("127.0.0.4", head.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n")
                + "a".repeat(200 * 1024))).startsWith("HTTP/1.1 200").endsWith("got " + 200 * 1024);
        assertThat(server.bufferedBodyBytes()).isZero();
        assertThat(handled).hasValue(1);
        assertThat(lines()).isEmpty();
    }

    @Test
    void aBodyCutShortByTheClientLeavesNoLogLineAndTheServerGoesOn() throws Exception {
        start(WebLimits.DEFAULTS);
        for (int i = 0; i < 5; i++) {
            Socket s = connect("127.0.0.2");
            send(s, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789");
            Thread.sleep(50);
            s.close();
        }
        await(() -> server.openConnections() == 0, "the cut connections closed");
        Socket halfClosed = connect("127.0.0.2");
        send(halfClosed, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789");
        halfClosed.shutdownOutput();
        assertThat(readAll(halfClosed)).as("a client that only stopped sending still reads why")
                .startsWith("HTTP/1.1 400").contains("Connection: close")
                .endsWith("{\"error\":\"request body cut short: fewer bytes than its Content-Length\"}");

        assertThat(exchange("127.0.0.2", HEALTHZ)).startsWith("HTTP/1.1 200");
        assertThat(exchange("127.0.0.2", "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Length: 10\r\n\r\n0123456789")).endsWith("got 10");
        assertThat(handled).hasValue(1);
        assertThat(lines()).isEmpty();
    }

    @Test
    void aBodyThatStallsGets408AndLeavesNoLogLine() throws Exception {
        start(WebLimits.DEFAULTS.withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(30)));
        Socket s = connect("127.0.0.2");
        send(s, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789");

        String response = readAll(s);

        assertThat(response).startsWith("HTTP/1.1 408").contains("Connection: close")
                .endsWith("{\"error\":\"request body not received within 500 ms of silence\"}");
        assertThat(closedByServer(s)).isTrue();
        assertThat(handled).hasValue(0);
        assertThat(exchange("127.0.0.2", HEALTHZ)).startsWith("HTTP/1.1 200");
        assertThat(lines()).isEmpty();
    }

    @Test
    void malformedRequestsGet400AndLeaveNoLogLine() throws Exception {
        start(WebLimits.DEFAULTS);
        List<String> malformed = List.of(
                "GARBAGE\r\n\r\n",
                "\u0000\u0001\u0002 \u00ff\r\n\r\n",
                "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n");

        for (String request : malformed) {
            String response = exchange("127.0.0.2", request);
            assertThat(response).as(request).matches("(?s)HTTP/1.1 4[0-9][0-9] .*\\{\"error\":\"[^\"]+\"}");
        }
        assertThat(exchange("127.0.0.2", "GET /healthz HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"))
                .as("an unknown HTTP version is the client's mistake too").startsWith("HTTP/1.1 400");
        assertThat(handled).hasValue(0);
        assertThat(exchange("127.0.0.2", HEALTHZ)).startsWith("HTTP/1.1 200");
        assertThat(lines()).isEmpty();
    }

    @Test
    void aKeptAliveConnectionGetsTheRequestTimeAnewForEachRequest() throws Exception {
        start(WebLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        Socket s = connect("127.0.0.2");
        for (int i = 0; i < 3; i++) {
            send(s, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n\r\nabc");
            assertThat(readResponse(s)).startsWith("HTTP/1.1 200").endsWith("got 3");
            Thread.sleep(700);
        }
        assertThat(handled).hasValue(3);
    }

    // --- helpers

    /** The log lines at INFO or above since the server started. */
    private List<ILoggingEvent> lines() {
        return List.copyOf(log.list);
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** A whole exchange on a fresh connection from {@code from}: the response as text. */
    private String exchange(String from, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
            s.setSoTimeout(10_000);
            send(s, request);
            return readAll(s);
        }
    }

    /** Sends {@code request} from another thread (the server may stop reading) and reads the status line. */
    private String statusAfterSending(String from, String request) throws Exception {
        Socket s = connect(from);
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                send(s, request);
            } catch (IOException e) {
                // the server answered and closed before taking it all
            }
        });
        String status = readStatusLine(s);
        writing.get(30, TimeUnit.SECONDS);
        return status;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(ISO_8859_1));
        out.flush();
    }

    private static String readStatusLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** One response on a kept-alive connection: status line, headers and the Content-Length bytes of body. */
    private static String readResponse(Socket s) throws IOException {
        StringBuilder head = new StringBuilder();
        int length = 0;
        String line;
        while (!(line = readStatusLine(s)).isEmpty()) {
            head.append(line).append("\r\n");
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = s.getInputStream().readNBytes(length);
        return head.append("\r\n").append(new String(body, ISO_8859_1)).toString();
    }

    /** Everything until the server closes (or a reset after the response), as text. */
    private static String readAll(Socket s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = s.getInputStream().read(buf)) >= 0) {
                bytes.write(buf, 0, n);
            }
        } catch (SocketException e) {
            // reset after the response
        }
        return bytes.toString(ISO_8859_1);
    }

    /** Whether the server closes the connection within the socket's read timeout (reading past any response). */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            byte[] buf = new byte[8192];
            while (s.getInputStream().read(buf) >= 0) {
                // a response before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Whether the server has closed the connection already (without waiting). */
    private static boolean serverClosedNow(Socket s) throws IOException {
        int timeout = s.getSoTimeout();
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } finally {
            s.setSoTimeout(timeout);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
