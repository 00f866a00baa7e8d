package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every endpoint that takes input, over HTTP against the real server on 127.0.0.1 with the
 * claims webhook and the read API over {@link ApiFixture}: generated bodies POSTed to
 * {@code /api/claims} (those of {@link JsonBodies}; the claims stored are then served back by
 * {@code GET /api/claims}, so whatever was taken must also serialise), and generated values for
 * the query parameters ({@code sector}, {@code state}, {@code since}) and the path parameters
 * ({@code /api/targets/{id}}, {@code /api/incidents/{id}}): percent-encoded UTF-8 and bytes that
 * are no UTF-8 ({@code %00}, overlong forms, surrogates, {@code %FF}), huge values, bad escapes
 * and raw bytes. No answer is a 5xx, and every error is JSON with an {@code error} string;
 * except that a malformed request target (a bad escape, a raw space or byte) may be refused by the
 * server before any route sees it, and that refusal is the server's (the JDK server's is a 400 in
 * {@code text/html}), so only its status is checked.
 */
class WebInputPropertiesTest {

    static final String TOKEN = "fuzz-claims-token";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The characters RFC 3986 allows in a path and a query besides percent escapes. */
    private static final String ALLOWED = "-._~!$&'()*+,;=:@/?";

    private static WebServer server;
    private static RawHttp http;

    /** A request target, with whether it is well formed. */
    record Target(byte[] bytes, boolean wellFormed) {
        @Override
        public String toString() {
            String s = new String(bytes, StandardCharsets.ISO_8859_1);
            return (wellFormed ? "" : "(malformed) ") + (s.length() > 300 ? s.substring(0, 300) + "... (" + s.length()
                    + " bytes)" : s);
        }
    }

    @BeforeContainer
    static void start() throws IOException {
        ApiFixture fixture = new ApiFixture();
        Clock clock = Clock.fixed(ApiFixture.NOW, ZoneOffset.UTC);
        List<Route> routes = new ArrayList<>(new ApiRoutes(fixture.data, clock).routes());
        routes.addAll(ClaimsEndpoint.routes(Map.of(ClaimsEndpoint.TOKEN_VARIABLE, TOKEN), ClaimsEndpointTest.SOURCES,
                fixture.intel::claim, clock));
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes);
        http = new RawHttp(server.port());
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 800)
    void noPostedBodyGetsA5xxAndEveryErrorIsJson(@ForAll("bodies") byte[] body) throws Exception {
        RawHttp.Answer answer = http.post(ClaimsEndpoint.PATH, body, "Authorization: Bearer " + TOKEN,
                "Content-Type: application/json");

        assertJsonAnswer(answer);
        assertThat(answer.status()).as("%s", answer).isIn(200, 201, 400, 413);
    }

    @Property(tries = 1_000)
    void noQueryOrPathValueGetsA5xxAndEveryErrorIsJson(@ForAll("targets") Target target) throws Exception {
        RawHttp.Answer answer = http.get(target.bytes());

        assertThat(answer.status()).as("%s -> %s", target, answer).isLessThan(500);
        if (target.wellFormed() || answer.headers().getOrDefault("content-type", "").startsWith("application/json")) {
            assertJsonAnswer(answer);
        }
    }

    private static void assertJsonAnswer(RawHttp.Answer answer) throws Exception {
        assertThat(answer.status()).as("%s", answer).isBetween(200, 499);
        assertThat(answer.headers().get("content-type")).as("%s", answer).isEqualTo(Response.JSON);
        JsonNode body = JSON.readTree(answer.body());
        if (answer.status() >= 400) {
            assertThat(body.path("error").isTextual()).as("%s", answer).isTrue();
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return new JsonBodies(ApiFixture.NOW).bodies();
    }

    // --- request targets --------------------------------------------------------------------------

    private static final List<String> QUERIES = List.of("/api/targets?sector=", "/api/incidents?state=",
            "/api/claims?since=");
    private static final List<String> PATHS = List.of("/api/targets/", "/api/incidents/");
    /** Targets that read what the fuzzed POSTs stored, or mix parameters. */
    private static final List<String> FIXED = List.of("/api/claims?since=30d", "/api/targets/trm", "/api/targets",
            "/api/incidents?state=all", "/api/incidents/INC-2", "/api/claims?since=1h&since=31d", "/api/claims?since",
            "/api/claims?=&&=x&since=2h", "/api/targets?sector&sector=energy", "/api/targets/trm/", "/api//targets",
            "/api/targets/%2e%2e", "/api/incidents/%2F", "/api/claims?%ZZ=1", "/api/claims?since=%", "/%00");
    private static final List<String> WORDS = List.of("open", "all", "OPEN", "INC-2", "inc-2", "2", "0", "-1", "INC-",
            "INC-999999999999999999", "INC-9999999999999999999", "24h", "30d", "31d", "0s", "1m", "1.5h", "1h30m",
            "2592000000ms", "99999999999999999999d", "energy", "government", "trm", "skat", "", " ", "../../etc/passwd",
            "..", ".", "/", "\\", "<script>alert(1)</script>", "'", "\"", "%", "+", "a+b", "null", "🔥", "ﬁ",
            "\u202etrm", "trm\u0000", "ИНЦ-2", "٢", "１");
    private static final List<byte[]> BAD_BYTES = List.of(new byte[]{0}, new byte[]{(byte) 0xC0, (byte) 0xAF},
            new byte[]{(byte) 0xC0, (byte) 0x80}, new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{'\r', '\n'}, new byte[]{' '},
            new byte[]{'#'}, new byte[]{'\t'});

    @Provide
    Arbitrary<Target> targets() {
        Arbitrary<byte[]> values = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(WORDS).map(w -> w.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(3, Arbitraries.randomValue(WebInputPropertiesTest::badBytes)),
                Tuple.of(1, Arbitraries.randomValue(WebInputPropertiesTest::huge)));
        Arbitrary<Target> generated = Combinators.combine(values, Arbitraries.randomValue(r -> new Random(r.nextLong())))
                .as((value, random) -> target(random, value));
        return Arbitraries.frequencyOf(Tuple.of(12, generated),
                Tuple.of(1, Arbitraries.of(FIXED).map(f -> target(RawHttp.ascii(f)))));
    }

    private static byte[] badBytes(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean()) {
                out.writeBytes(BAD_BYTES.get(r.nextInt(BAD_BYTES.size())));
            } else {
                byte[] b = new byte[1 + r.nextInt(6)];
                r.nextBytes(b);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    /**
     * A value of about 2,000 to 6,000 bytes once percent-encoded: huge for a parameter, while the
     * request line stays under 8 KiB, the usual limit of a server's request head.
     */
    private static byte[] huge(Random r) {
        String unit = WORDS.get(r.nextInt(WORDS.size()));
        String base = unit.isEmpty() ? "x" : unit;
        int bytes = 2_000 + r.nextInt(4_000);
        byte[] one = base.getBytes(StandardCharsets.UTF_8);
        return new String(one, StandardCharsets.UTF_8).repeat(Math.max(1, bytes / one.length / 3))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Target target(Random r, byte[] value) {
        boolean query = r.nextInt(5) < 3;
        String prefix = query ? QUERIES.get(r.nextInt(QUERIES.size())) : PATHS.get(r.nextInt(PATHS.size()));
        byte[] encoded = switch (r.nextInt(10)) {
            case 0, 1, 2 -> encode(value, r, false);
            case 3, 4, 5 -> encode(value, r, true);
            case 6, 7 -> withBadEscape(encode(value, r, true), r);
            default -> value;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RawHttp.ascii(prefix));
        out.writeBytes(encoded);
        return target(out.toByteArray());
    }

    private static Target target(byte[] bytes) {
        return new Target(bytes, wellFormed(bytes));
    }

    /** A request target as RFC 3986 allows it: what a client may send; the rest is malformed. */
    private static boolean wellFormed(byte[] target) {
        for (int i = 0; i < target.length; i++) {
            int c = target[i] & 0xFF;
            if (c == '%') {
                if (i + 2 >= target.length || Character.digit(target[i + 1], 16) < 0
                        || Character.digit(target[i + 2], 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (c >= 0x80 || !(Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Percent-encodes every byte, or (minimal) all but unreserved ASCII; hex digits in either case. */
    private static byte[] encode(byte[] value, Random r, boolean minimal) {
        StringBuilder sb = new StringBuilder();
        boolean upper = r.nextBoolean();
        for (byte b : value) {
            int c = b & 0xFF;
            if (minimal && c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                String hex = String.format("%%%02x", c);
                sb.append(upper ? hex.toUpperCase(Locale.ROOT) : hex);
            }
        }
        return RawHttp.ascii(sb.toString());
    }

    private static byte[] withBadEscape(byte[] encoded, Random r) {
        String s = new String(encoded, StandardCharsets.ISO_8859_1);
        int at = r.nextInt(s.length() + 1);
        String bad = List.of("%", "%G0", "%4", "%zz", "%%", "%u2603", "%0").get(r.nextInt(7));
        return RawHttp.ascii(s.substring(0, at) + bad + s.substring(at));
    }
}
