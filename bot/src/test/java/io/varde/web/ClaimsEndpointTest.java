package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.varde.check.DetectionSettings;
import io.varde.check.HttpSpec;
import io.varde.check.Target;
import io.varde.core.Labels;
import io.varde.intel.ClaimSource;
import io.varde.intel.IntelEvent;
import io.varde.intel.IntelIntake;
import io.varde.intel.IntelSource;
import io.varde.intel.IntelSources;
import io.varde.intel.StoredClaim;
import io.varde.intel.TargetIndex;
import io.varde.testing.MemoryIntelStore;
import io.varde.testing.TestTargets;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/claims} over real HTTP on 127.0.0.1, into a real {@link IntelIntake} over an
 * in-memory store, with two monitored targets.
 */
class ClaimsEndpointTest {

    static final Instant NOW = TestTargets.T0;
    static final String TOKEN = "s3cret-claims-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final TargetIndex INDEX = TargetIndex.of(List.of(
            target("trm", "https://www.trm.dk/"),
            target("skat", "https://www.skat.dk/", "tastselv.skat.dk")));

    private final MemoryIntelStore store = new MemoryIntelStore();
    private final List<IntelEvent> events = new CopyOnWriteArrayList<>();
    private final IntelIntake intake = new IntelIntake(store, () -> INDEX, events::add);
    private WebServer server;
    private Http http;

    static Target target(String id, String url, String... aliases) {
        return new Target(id, id, HttpSpec.get(URI.create(url)), Duration.ofSeconds(30), Duration.ofSeconds(5),
                DetectionSettings.DEFAULTS, Labels.empty(), List.of(aliases), List.of(), false);
    }

    /** The polled sources of {@code rules/intel.yaml}, whose names a caller may not take. */
    static final IntelSources SOURCES = new IntelSources(List.of(
            new IntelSource("ddosia", IntelSource.Kind.TASK_LIST, URI.create("file:///rules/intel/ddosia"),
                    Duration.ofMinutes(10), "NoName057(16)"),
            new IntelSource("noname-telegram", IntelSource.Kind.FEED, URI.create("https://rsshub.example.org/t"),
                    Duration.ofMinutes(5), "NoName057(16)")));

    private void start(Map<String, String> env, ClaimsEndpoint.Intake into) throws Exception {
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0),
                ClaimsEndpoint.routes(env, SOURCES, into, Clock.fixed(NOW, ZoneOffset.UTC)));
        http = new Http(server.port());
    }

    private void start() throws Exception {
        start(Map.of("VARDE_CLAIMS_TOKEN", TOKEN), intake::claim);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpRequest.Builder claims() {
        return http.to("/api/claims").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json");
    }

    private HttpResponse<String> post(String body) {
        return http.send(claims().POST(BodyPublishers.ofString(body)).build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private void assertNothingStored() {
        assertThat(store.claims()).isEmpty();
        assertThat(events).isEmpty();
    }

    // --- authentication ---------------------------------------------------------------------

    static Stream<Arguments> badAuthorizations() {
        return Stream.of(
                Arguments.of(Named.of("no Authorization header", (String) null),
                        "missing bearer token: send Authorization: Bearer <token>"),
                Arguments.of(Named.of("Bearer without a token", "Bearer "),
                        "missing bearer token: send Authorization: Bearer <token>"),
                Arguments.of(Named.of("Basic scheme", "Basic dmFyZGU6czNjcmV0LWNsYWltcy10b2tlbg=="),
                        "Authorization must use the Bearer scheme"),
                Arguments.of(Named.of("the token without a scheme", TOKEN), "Authorization must use the Bearer scheme"),
                Arguments.of(Named.of("wrong token", "Bearer not-the-token"), "wrong bearer token"),
                Arguments.of(Named.of("a prefix of the token", "Bearer s3cret"), "wrong bearer token"),
                Arguments.of(Named.of("the token and more", "Bearer " + TOKEN + "x"), "wrong bearer token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorizations")
    void withoutTheRightTokenNothingIsStored(String authorization, String message) throws Exception {
        start();
        HttpRequest.Builder request = http.to("/api/claims").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"hosts\": [\"www.trm.dk\"]}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        HttpResponse<String> response = http.send(request.build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(response).get("error").asText()).isEqualTo(message);
        assertNothingStored();
    }

    @Test
    void theRightTokenIsLetInWhateverTheCaseOfTheScheme() throws Exception {
        start();

        HttpResponse<String> response = http.send(http.to("/api/claims").header("Authorization", "bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"host\": \"www.trm.dk\"}")).build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(store.claims()).hasSize(1);
    }

    @Test
    void withoutAConfiguredTokenTheWebhookIsOffAndAnswers404() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ClaimsEndpoint.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try {
            start(Map.of("VARDE_CLAIMS_TOKEN", "  "), intake::claim);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }

        HttpResponse<String> response = post("{\"hosts\": [\"www.trm.dk\"]}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("claims webhook off: VARDE_CLAIMS_TOKEN not set"));
        assertNothingStored();
    }

    // --- limits and content type ----------------------------------------------------------------

    /** A valid claim padded with spaces to exactly {@code size} bytes. */
    private static String claimOfSize(int size) {
        String claim = "{\"hosts\": [\"www.trm.dk\"]}";
        return claim + " ".repeat(size - claim.length());
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        start();

        assertThat(post(claimOfSize(ClaimsEndpoint.MAX_BODY)).statusCode()).isEqualTo(201);
    }

    @Test
    void aDeclaredLengthAboveTheLimitIs413() throws Exception {
        start();

        HttpResponse<String> response = post(claimOfSize(ClaimsEndpoint.MAX_BODY + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).contains("65536 bytes");
        assertNothingStored();
    }

    @Test
    void aChunkedBodyWithoutLengthIsCutOffAtTheLimit() throws Exception {
        start();
        byte[] big = claimOfSize(3 * ClaimsEndpoint.MAX_BODY).getBytes();
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));

        HttpResponse<String> response = http.send(claims().POST(chunked).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).contains("65536 bytes");
        assertNothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonp",
        "application/json; charset=iso-8859-1"})
    void aBodyThatIsNotJsonByItsTypeIs415(String contentType) throws Exception {
        start();

        HttpResponse<String> response = http.send(http.to("/api/claims").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", contentType).POST(BodyPublishers.ofString("{\"host\": \"www.trm.dk\"}")).build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("error").asText()).startsWith("Content-Type must be application/json");
        assertNothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""})
    void jsonWithParametersIsAccepted(String contentType) throws Exception {
        start();

        HttpResponse<String> response = http.send(http.to("/api/claims").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", contentType).POST(BodyPublishers.ofString("{\"host\": \"www.trm.dk\"}")).build());

        assertThat(response.statusCode()).isEqualTo(201);
    }

    // --- bad bodies -------------------------------------------------------------------------------

    private static String objects(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"host\": \"www.trm.dk\"}").collect(Collectors.joining(",", "[", "]"));
    }

    static Stream<Arguments> badBodies() {
        String known = "(known: hosts, host, actor, claimed_at, source, id, paths, links, text)";
        return Stream.of(
                Arguments.of(Named.of("not JSON", "{\"hosts\": [\"www.trm.dk\""), "body is not JSON: "),
                Arguments.of(Named.of("JSON and then more", "{\"host\": \"www.trm.dk\"} {}"), "body is not JSON: "),
                Arguments.of(Named.of("empty body", ""), "body is empty: send a claim object or an array of them"),
                Arguments.of(Named.of("a string", "\"www.trm.dk\""),
                        "body must be a claim object or an array of them, not string"),
                Arguments.of(Named.of("empty array", "[]"), "empty array: send at least one claim"),
                Arguments.of(Named.of("101 objects", objects(101)), "101 claims in one request, at most 100"),
                Arguments.of(Named.of("an array with a number", "[{\"host\": \"www.trm.dk\"}, 7]"),
                        "claims[1]: must be an object, not number"),
                Arguments.of(Named.of("missing hosts", "{\"actor\": \"NoName057(16)\"}"),
                        "hosts: missing; give \"hosts\" (an array of host names) or \"host\""),
                Arguments.of(Named.of("hosts is a string", "{\"hosts\": \"www.trm.dk\"}"),
                        "hosts: must be an array of strings, not string"),
                Arguments.of(Named.of("hosts holds a number", "{\"hosts\": [\"www.trm.dk\", 42]}"),
                        "hosts[1]: must be a string, not number"),
                Arguments.of(Named.of("hosts is null", "{\"hosts\": null}"),
                        "hosts: missing; give \"hosts\" (an array of host names) or \"host\""),
                Arguments.of(Named.of("hosts empty", "{\"hosts\": []}"), "hosts: empty; give at least one host"),
                Arguments.of(Named.of("hosts is an object", "{\"hosts\": {\"x\": \"trm.dk\"}}"),
                        "hosts: must be an array of strings, not object"),
                Arguments.of(Named.of("hosts is an empty object", "{\"hosts\": {}}"),
                        "hosts: must be an array of strings, not object"),
                Arguments.of(Named.of("a host of 1,500 emoji (3,000 UTF-16 units, within 2,000 characters)",
                        "{\"host\": \"" + "\uD83D\uDE00".repeat(1500) + "\"}"),
                        "host: \"" + "\uD83D\uDE00".repeat(40) + "...\" is not a host: "),
                Arguments.of(Named.of("a lone surrogate in a host", "{\"hosts\": [\"trm.dk\", \"a\\uD800.dk\"]}"),
                        "hosts[1]: not valid Unicode: a lone surrogate U+D800 at character 2"),
                Arguments.of(Named.of("a lone low surrogate in the text", "{\"host\": \"trm.dk\", \"text\": \"\\uDC00x\"}"),
                        "text: not valid Unicode: a lone surrogate U+DC00 at character 1"),
                Arguments.of(Named.of("51 hosts", "{\"hosts\": [" + IntStream.range(0, 51)
                        .mapToObj(i -> "\"h" + i + ".dk\"").collect(Collectors.joining(",")) + "]}"),
                        "hosts: 51 entries, at most 50"),
                Arguments.of(Named.of("host and hosts", "{\"host\": \"trm.dk\", \"hosts\": [\"trm.dk\"]}"),
                        "hosts: give either \"hosts\" or \"host\", not both"),
                Arguments.of(Named.of("host is an array", "{\"host\": [\"trm.dk\"]}"),
                        "host: must be a string, not array"),
                Arguments.of(Named.of("unknown field", "{\"hosts\": [\"trm.dk\"], \"claimedAt\": \"2025-11-13T08:00:00Z\"}"),
                        "unknown field \"claimedAt\" " + known),
                Arguments.of(Named.of("unknown fields in the second claim",
                        "[{\"host\": \"trm.dk\"}, {\"hots\": [\"trm.dk\"], \"actr\": \"x\", \"host\": \"trm.dk\"}]"),
                        "claims[1]: unknown fields \"hots\", \"actr\" " + known),
                Arguments.of(Named.of("a key given twice", "{\"host\": \"trm.dk\", \"host\": \"skat.dk\"}"),
                        "body is not JSON: Duplicate field 'host' (line 1, column 26)"),
                Arguments.of(Named.of("bad claimed_at", "{\"host\": \"trm.dk\", \"claimed_at\": \"13/11/2025 08:00\"}"),
                        "claimed_at: \"13/11/2025 08:00\" is not an ISO-8601 instant such as 2025-11-13T08:00:00Z"),
                Arguments.of(Named.of("claimed_at is a number", "{\"host\": \"trm.dk\", \"claimed_at\": 1763020800}"),
                        "claimed_at: must be a string, not number"),
                Arguments.of(Named.of("unreadable host, with its index",
                        "[{\"host\": \"trm.dk\"}, {\"host\": \"skat.dk\"}, {\"hosts\": [\"www.trm.dk\", \"borger dk\"]}]"),
                        "claims[2].hosts[1]: \"borger dk\" is not a host: spaces inside"),
                Arguments.of(Named.of("unreadable host after a number keeps its index", "{\"hosts\": [42, \"a b\"]}"),
                        "hosts[0]: must be a string, not number; hosts[1]: \"a b\" is not a host: spaces inside"),
                Arguments.of(Named.of("unreadable single host", "{\"host\": \"trm!.dk\"}"),
                        "host: \"trm!.dk\" is not a host: invalid character '!'"),
                Arguments.of(Named.of("text too long", "{\"host\": \"trm.dk\", \"text\": \"" + "x".repeat(8001) + "\"}"),
                        "text: 8001 characters, at most 8000"),
                Arguments.of(Named.of("actor is a number", "{\"host\": \"trm.dk\", \"actor\": 16}"),
                        "actor: must be a string, not number"),
                Arguments.of(Named.of("blank source", "{\"host\": \"trm.dk\", \"source\": \" \"}"),
                        "source: blank; leave it out for \"webhook\""),
                Arguments.of(Named.of("the source of a polled task list",
                        "{\"host\": \"trm.dk\", \"source\": \"ddosia\", \"id\": \"2025-11-13T08:10:00Z\"}"),
                        "source: \"ddosia\" is the name of one of Varde's own sources; reserved: task-list, feed,"
                                + " manual, varde, ddosia, noname-telegram, and any name ending in (slack), (discord),"
                                + " (cli) (chat claims). Leave source out for \"webhook\""),
                Arguments.of(Named.of("the source of a chat claim", "{\"host\": \"trm.dk\", \"source\": \"alice (slack)\"}"),
                        "source: \"alice (slack)\" is the name of one of Varde's own sources; reserved: "),
                Arguments.of(Named.of("claimed in the future", "{\"host\": \"trm.dk\", \"claimed_at\": \"2025-11-13T08:05:01Z\"}"),
                        "claimed_at: \"2025-11-13T08:05:01Z\" is more than 5 minutes after the claim was received"
                                + " (2025-11-13T08:00:00Z); check the sender's clock"),
                Arguments.of(Named.of("claimed in year 0", "{\"host\": \"trm.dk\", \"claimed_at\": \"0000-01-01T00:00:00Z\"}"),
                        "claimed_at: \"0000-01-01T00:00:00Z\" is more than 30 days before the claim was received"
                                + " (2025-11-13T08:00:00Z); older claims are not taken"),
                Arguments.of(Named.of("links is not an array of strings", "{\"host\": \"trm.dk\", \"links\": [{}]}"),
                        "links[0]: must be a string, not object"),
                Arguments.of(Named.of("every problem at once",
                        "[{\"hosts\": [\"a b\"], \"actor\": 5}, {\"host\": \"trm.dk\", \"paths\": \"/\"}]"),
                        "claims[0].hosts[0]: \"a b\" is not a host: spaces inside; claims[0].actor: must be a string,"
                                + " not number; claims[1].paths: must be an array of strings, not string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadBodyIs400WithTheReasonAndStoresNothing(String body, String message) throws Exception {
        start();

        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Response.JSON);
        assertThat(json(response).get("error").asText()).startsWith(message);
        assertNothingStored();
    }

    // --- storing ---------------------------------------------------------------------------------

    private static final String THREE = """
            [
              {"hosts": ["WWW.TRM.DK.", "https://www.trm.dk/search?q=1"], "actor": "NoName057(16)",
               "claimed_at": "2025-11-13T07:45:00Z", "source": "partner-cert", "id": "p-1",
               "links": ["https://t.me/noname05716/1234"], "text": "Denmark will pay"},
              {"host": "selvbetjening.skat.dk", "id": "p-2", "source": "partner-cert", "paths": ["/login"]},
              {"hosts": ["terma.com"], "actor": null}
            ]""";

    @Test
    void aValidArrayIsStoredWholeAndEachClaimSaysWhichTargetsItHits() throws Exception {
        start();

        HttpResponse<String> response = post(THREE);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Response.JSON);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                [
                  {"claim": "C-1", "duplicate": false, "targets": [
                    {"target": "trm", "host": "www.trm.dk", "reason": "HOST", "detail": "same host www.trm.dk"}]},
                  {"claim": "C-2", "duplicate": false, "targets": [
                    {"target": "skat", "host": "selvbetjening.skat.dk", "reason": "REGISTRABLE_DOMAIN",
                     "detail": "same registrable domain skat.dk"}]},
                  {"claim": "C-3", "duplicate": false, "targets": []}
                ]"""));
        List<StoredClaim> stored = store.claims();
        assertThat(stored).hasSize(3);
        assertThat(stored).allSatisfy(c -> {
            assertThat(c.claim().source()).isEqualTo(ClaimSource.WEBHOOK);
            assertThat(c.claim().observedAt()).isEqualTo(NOW);
        });
        var first = stored.get(0).claim();
        assertThat(first.sourceName()).isEqualTo("partner-cert");
        assertThat(first.ref()).isEqualTo("p-1");
        assertThat(first.actor()).isEqualTo("NoName057(16)");
        assertThat(first.claimedAt()).isEqualTo(Instant.parse("2025-11-13T07:45:00Z"));
        assertThat(first.hosts()).extracting(h -> h.host()).containsExactly("www.trm.dk");
        assertThat(first.paths()).containsExactly("/search?q=1");
        assertThat(first.links()).containsExactly("https://t.me/noname05716/1234");
        assertThat(first.text()).isEqualTo("Denmark will pay");
        assertThat(stored.get(1).claim().paths()).containsExactly("/login");
        var third = stored.get(2).claim();
        assertThat(third.sourceName()).isEqualTo("webhook");
        assertThat(third.claimedAt()).isEqualTo(NOW);
        assertThat(third.actor()).isEmpty();
        assertThat(events).hasSize(3).allMatch(e -> e instanceof IntelEvent.ClaimSeen);
    }

    @Test
    void anObjectGetsAnObjectBack() throws Exception {
        start();

        HttpResponse<String> response = post("{\"host\": \"tastselv.skat.dk\", \"actor\": \"NoName057(16)\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"claim": "C-1", "duplicate": false, "targets": [
                  {"target": "skat", "host": "tastselv.skat.dk", "reason": "ALIAS", "detail": "alias tastselv.skat.dk"}]}
                """));
    }

    @Test
    void sendingTheSameIdsAgainStoresNothingNewAndAnswers200WithTheSameClaims() throws Exception {
        start();
        JsonNode first = json(post(THREE));

        HttpResponse<String> again = post(THREE.replace("\"actor\": null", "\"id\": \"p-3\""));
        HttpResponse<String> resend = post(THREE.replace("\"actor\": null", "\"id\": \"p-3\""));

        assertThat(again.statusCode()).as("the third claim had no id the first time: new now").isEqualTo(201);
        assertThat(resend.statusCode()).isEqualTo(200);
        JsonNode repeated = json(resend);
        assertThat(repeated).hasSize(3);
        for (int i = 0; i < 2; i++) {
            assertThat(repeated.get(i).get("claim")).isEqualTo(first.get(i).get("claim"));
            assertThat(repeated.get(i).get("targets")).isEqualTo(first.get(i).get("targets"));
        }
        assertThat(repeated).allSatisfy(c -> assertThat(c.get("duplicate").asBoolean()).isTrue());
        assertThat(store.claims()).hasSize(4);
        assertThat(events).hasSize(4);
    }

    @Test
    void aStoreFailureHalfwayLeavesAPrefixThatARetryCompletes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(Map.of("VARDE_CLAIMS_TOKEN", TOKEN), (raw, strict) -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("database unreachable");
            }
            return intake.claim(raw, strict);
        });
        String two = "[{\"host\": \"www.trm.dk\", \"id\": \"a\"}, {\"host\": \"www.skat.dk\", \"id\": \"b\"}]";

        HttpResponse<String> failed = post(two);
        HttpResponse<String> retried = post(two);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(json(retried)).extracting(c -> c.get("duplicate").asBoolean()).containsExactly(true, false);
        assertThat(store.claims()).extracting(c -> c.claim().ref()).containsExactly("a", "b");
    }

    @Test
    void webhookGivenExplicitlyInAnyCaseIsTheDefaultSource() throws Exception {
        start();
        post("{\"host\": \"www.trm.dk\", \"id\": \"w-1\"}");

        HttpResponse<String> again = post("{\"host\": \"www.trm.dk\", \"id\": \"w-1\", \"source\": \" WebHook \"}");

        assertThat(again.statusCode()).as("the same source and id: a duplicate").isEqualTo(200);
        assertThat(json(again).get("duplicate").asBoolean()).isTrue();
        assertThat(store.claims()).extracting(c -> c.claim().sourceName()).containsExactly("webhook");
    }

    @Test
    void aClaimJustWithinTheTimeBoundsIsStoredWithItsTime() throws Exception {
        start();

        HttpResponse<String> response = post("[{\"host\": \"www.trm.dk\", \"claimed_at\": \"2025-11-13T08:05:00Z\"},"
                + " {\"host\": \"www.trm.dk\", \"claimed_at\": \"2025-10-14T08:00:00Z\"}]");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(store.claims()).extracting(c -> c.claim().claimedAt())
                .containsExactly(Instant.parse("2025-11-13T08:05:00Z"), Instant.parse("2025-10-14T08:00:00Z"));
    }
}
