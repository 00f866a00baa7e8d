package io.varde.vantage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.varde.check.CheckResult;
import io.varde.check.ConditionResult;
import io.varde.check.Location;
import io.varde.check.Outcome;
import io.varde.check.Target;
import io.varde.config.VantageConfig;
import io.varde.core.Labels;
import io.varde.testing.MutableClock;
import io.varde.vantage.ProbeEndpoint.Answer;
import io.varde.vantage.ProbeListener.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the agents, request by request: who may ask (tokens per location, two
 * while rotating), what a location may report (its own targets, plausible times), what is too
 * large or malformed, and what is counted and logged (never a token).
 */
class ProbeEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-11-13T08:00:00Z");
    private static final String FRA_OLD = "fra-token-old-0123456789abcdef";
    private static final String FRA_NEW = "fra-token-new-fedcba9876543210";
    private static final String AMS = "ams-token-5555555555555555";

    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, List<Target>> assigned = new HashMap<>(Map.of(
            "fra", List.of(WireTargets.http("borger-dk", "https://www.borger.dk/", Duration.ofSeconds(30)),
                    WireTargets.http("skat-dk", "https://www.skat.dk/", Duration.ofSeconds(30))),
            "ams", List.of(WireTargets.http("borger-dk", "https://www.borger.dk/", Duration.ofSeconds(30)))));
    private final List<String> sunk = new ArrayList<>();
    private final List<Integer> sunkDropped = new ArrayList<>();
    private final Counting counts = new Counting();
    private ProbeEndpoint endpoint;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProbeEndpoint.class);

    /** The listener's counts. */
    static final class Counting implements ProbeListener {
        final Map<Reason, Integer> refused = new EnumMap<>(Reason.class);
        final List<Optional<String>> refusedLocations = new ArrayList<>();
        int batches;
        int results;

        @Override
        public void accepted(String location, int n) {
            batches++;
            results += n;
        }

        @Override
        public void refused(Optional<String> location, Reason reason, int count) {
            refused.merge(reason, count, Integer::sum);
            refusedLocations.add(location);
        }
    }

    @BeforeEach
    void start() {
        log.start();
        logger.addAppender(log);
        VantageConfig config = new VantageConfig(List.of(Location.home(),
                new Location("fra", "de", Labels.empty(), null, true),
                new Location("ams", "nl", Labels.empty(), null, true)),
                Map.of("fra", List.of(FRA_OLD, FRA_NEW), "ams", List.of(AMS)));
        endpoint = new ProbeEndpoint(config, location -> assigned.getOrDefault(location, List.of()),
                (location, results, dropped) -> {
                    results.forEach(r -> sunk.add(location + ":" + r.targetId() + "@" + r.at()));
                    sunkDropped.add(dropped);
                }, counts, clock);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(log);
    }

    private static Optional<String> bearer(String token) {
        return Optional.of("Bearer " + token);
    }

    private static CheckResult result(String target, Instant at) {
        return new CheckResult(target, at, Duration.ofMillis(80), Outcome.OK, null,
                List.of(new ConditionResult("[STATUS] == 200", true, "200")), "192.0.2.1");
    }

    private static byte[] gzip(String location, List<CheckResult> results) {
        return ResultWire.encodeGzip(new ResultBatch(location, NOW, 0, results));
    }

    private Answer post(Optional<String> auth, byte[] gzipped) {
        return endpoint.results(auth, Optional.of("gzip"), gzipped);
    }

    private static JsonNode body(Answer a) throws Exception {
        return JSON.readTree(a.body());
    }

    private List<String> logLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void withoutARecognisedTokenNothingIsAnsweredOrTakenAndNoTokenIsLogged() throws Exception {
        byte[] batch = gzip("fra", List.of(result("borger-dk", NOW)));
        List<Optional<String>> refusedHeaders = List.of(Optional.empty(), bearer("not-a-token-4242"),
                Optional.of("Basic " + FRA_NEW), bearer(""), Optional.of(FRA_NEW), bearer(FRA_NEW + "x"));

        for (Optional<String> auth : refusedHeaders) {
            Answer results = post(auth, batch);
            Answer assignments = endpoint.assignments(auth, Optional.empty());
            assertThat(results.status()).as("results with %s", auth).isEqualTo(401);
            assertThat(assignments.status()).as("assignments with %s", auth).isEqualTo(401);
            assertThat(results.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"varde-probe\"");
            assertThat(body(results).get("error").asText()).contains("Authorization: Bearer <token>");
        }

        assertThat(sunk).isEmpty();
        assertThat(counts.refused).containsExactly(Map.entry(Reason.AUTH, 12));
        assertThat(counts.refusedLocations).containsOnly(Optional.empty());
        assertThat(logLines()).hasSize(1).allSatisfy(line -> assertThat(line)
                .contains("event=probe_refused reason=auth location=-")
                .doesNotContain("not-a-token", "fra-token", "4242"));
    }

    @Test
    void refusalsAreLoggedOncePerLocationAndReasonAMinuteWithWhatWasLeftOut() {
        for (int i = 0; i < 5; i++) {
            post(bearer("wrong-" + i), new byte[0]);
            post(bearer(AMS), gzip("fra", List.of()));
        }
        clock.advance(Duration.ofMinutes(1));
        post(bearer("wrong-again"), new byte[0]);

        assertThat(logLines()).hasSize(3);
        assertThat(logLines().get(0)).contains("reason=auth location=- count=1 suppressed=0");
        assertThat(logLines().get(1)).contains("reason=location location=ams count=1 suppressed=0");
        assertThat(logLines().get(2)).contains("reason=auth location=- count=1 suppressed=4");
    }

    @Test
    void bothTokensOfALocationWorkWhileItRotates() throws Exception {
        for (String token : List.of(FRA_OLD, FRA_NEW)) {
            Answer assignments = endpoint.assignments(bearer(token), Optional.empty());
            assertThat(assignments.status()).isEqualTo(200);
            assertThat(Assignment.parse(assignments.body()).location()).isEqualTo("fra");

            Answer results = post(bearer(token), gzip("fra", List.of(result("skat-dk", NOW))));
            assertThat(results.status()).isEqualTo(202);
        }
        assertThat(sunk).containsExactly("fra:skat-dk@" + NOW, "fra:skat-dk@" + NOW);
        assertThat(counts.batches).isEqualTo(2);
    }

    @Test
    void aLocationReportsOnlyForItselfWithItsOwnToken() throws Exception {
        Answer answer = post(bearer(AMS), gzip("fra", List.of(result("borger-dk", NOW))));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(body(answer).get("error").asText()).isEqualTo("the token is not for location fra");
        assertThat(sunk).isEmpty();
        assertThat(counts.refused).containsExactly(Map.entry(Reason.LOCATION, 1));
        assertThat(counts.refusedLocations).containsExactly(Optional.of("ams"));
    }

    @Test
    void implausibleResultsAreRefusedAndCountedWhileTheRestOfTheBatchIsAccepted() throws Exception {
        List<CheckResult> batch = List.of(
                result("borger-dk", NOW.minusSeconds(5)),
                result("borger-dk", NOW.plusSeconds(30)),             // at the limit: accepted
                result("borger-dk", NOW.plusSeconds(31)),             // future
                result("skat-dk", NOW.minus(Duration.ofHours(24))),   // stale
                result("skat-dk", NOW.minus(Duration.ofHours(23))),
                result("other-dk", NOW),                              // not assigned to fra
                result("skat-dk", NOW.plus(Duration.ofDays(365))));   // future

        Answer answer = endpoint.results(bearer(FRA_NEW), Optional.empty(),
                ResultWire.encode(new ResultBatch("fra", NOW, 3, batch)));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(body(answer).toString()).isEqualTo("{\"accepted\":3,\"refused\":{\"future\":2,\"stale\":1,\"unassigned\":1}}");
        assertThat(sunk).containsExactly("fra:borger-dk@" + NOW.minusSeconds(5), "fra:borger-dk@" + NOW.plusSeconds(30),
                "fra:skat-dk@" + NOW.minus(Duration.ofHours(23)));
        assertThat(sunkDropped).containsExactly(3);
        assertThat(counts.results).isEqualTo(3);
        assertThat(counts.refused).containsExactlyInAnyOrderEntriesOf(
                Map.of(Reason.FUTURE, 2, Reason.STALE, 1, Reason.UNASSIGNED, 1));
        assertThat(logLines()).anySatisfy(l -> assertThat(l).contains("reason=future location=fra count=2"));
    }

    @Test
    void aTargetAssignedToAnotherLocationOnlyIsUnassignedHere() throws Exception {
        Answer answer = post(bearer(AMS), gzip("ams", List.of(result("borger-dk", NOW), result("skat-dk", NOW))));

        assertThat(body(answer).toString()).isEqualTo("{\"accepted\":1,\"refused\":{\"unassigned\":1}}");
        assertThat(sunk).containsExactly("ams:borger-dk@" + NOW);
    }

    @Test
    void aBodyOverOneMebibyteAsSentIsTooLarge() throws Exception {
        byte[] big = new byte[ProbeEndpoint.MAX_COMPRESSED + 1];

        Answer answer = post(bearer(FRA_NEW), big);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(body(answer).get("error").asText()).isEqualTo("a batch is at most 1048576 bytes as sent");
        assertThat(counts.refused).containsExactly(Map.entry(Reason.TOO_LARGE, 1));
    }

    @Test
    void aGzipBombIsRefusedOnceItPassesEightMebibytesUncompressed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            gz.write("{\"location\":\"fra\",\"sent_at\":1,\"dropped\":0,\"results\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 64; i++) { // 64 MiB of whitespace, about 64 KB compressed
                gz.write(spaces);
            }
        }
        assertThat(out.size()).isLessThan(ProbeEndpoint.MAX_COMPRESSED);

        Answer answer = post(bearer(FRA_NEW), out.toByteArray());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(body(answer).get("error").asText()).isEqualTo("the body is over 8388608 bytes uncompressed");
        assertThat(counts.refused).containsExactly(Map.entry(Reason.TOO_LARGE, 1));
    }

    @Test
    void moreThanFiveThousandResultsAreTooLarge() throws Exception {
        List<CheckResult> many = new ArrayList<>();
        for (int i = 0; i < ProbeEndpoint.MAX_RESULTS + 1; i++) {
            many.add(result("borger-dk", NOW.minusMillis(i)));
        }

        Answer answer = post(bearer(FRA_NEW), gzip("fra", many));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(body(answer).get("error").asText()).isEqualTo("a batch holds at most 5000 results, this one 5001");
        assertThat(sunk).isEmpty();
    }

    @Test
    void malformedBodiesAreRefusedSayingWhatIsWrong() throws Exception {
        Answer notJson = endpoint.results(bearer(FRA_NEW), Optional.empty(), "{\"location\": \"fra\",".getBytes(StandardCharsets.UTF_8));
        Answer notGzip = post(bearer(FRA_NEW), "plain text".getBytes(StandardCharsets.UTF_8));
        Answer badResult = endpoint.results(bearer(FRA_NEW), Optional.empty(),
                "{\"location\":\"fra\",\"sent_at\":1,\"dropped\":0,\"results\":[{\"t\":\"borger-dk\",\"at\":1,\"ms\":1,\"o\":\"DOWN\",\"c\":[]}]}"
                        .getBytes(StandardCharsets.UTF_8));
        Answer brotli = endpoint.results(bearer(FRA_NEW), Optional.of("br"), gzip("fra", List.of()));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(body(notJson).get("error").asText()).startsWith("the body is not JSON");
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(body(notGzip).get("error").asText()).startsWith("the body is not valid gzip");
        assertThat(badResult.status()).isEqualTo(400);
        assertThat(body(badResult).get("error").asText())
                .isEqualTo("results[0].o: \"DOWN\" is not one of OK, SLOW, FAIL, MITIGATED");
        assertThat(brotli.status()).isEqualTo(415);
        assertThat(sunk).isEmpty();
        assertThat(counts.refused).containsExactly(Map.entry(Reason.MALFORMED, 4));
    }

    @Test
    void theAssignmentIsNotSentAgainWhileItsVersionIsTheSame() throws Exception {
        Answer first = endpoint.assignments(bearer(FRA_NEW), Optional.empty());
        String etag = first.headers().get("ETag");
        Assignment doc = Assignment.parse(first.body());

        Answer again = endpoint.assignments(bearer(FRA_OLD), Optional.of(etag));
        Answer weak = endpoint.assignments(bearer(FRA_NEW), Optional.of("\"other\", W/" + etag));
        assigned.put("fra", assigned.get("fra").subList(0, 1));
        Answer changed = endpoint.assignments(bearer(FRA_NEW), Optional.of(etag));

        assertThat(first.status()).isEqualTo(200);
        assertThat(etag).isEqualTo("\"" + doc.version() + "\"");
        assertThat(doc.targets()).extracting(Target::id).containsExactly("borger-dk", "skat-dk");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers()).containsEntry("ETag", etag);
        assertThat(weak.status()).isEqualTo(304);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.headers().get("ETag")).isNotEqualTo(etag);
        assertThat(Assignment.parse(changed.body()).targets()).extracting(Target::id).containsExactly("borger-dk");
    }

    @Test
    void aSinkThatCannotTakeResultsNowMakesTheAgentSendThemAgain() throws Exception {
        VantageConfig config = new VantageConfig(List.of(Location.home(), new Location("fra", null, Labels.empty(), null, true)),
                Map.of("fra", List.of(FRA_NEW)));
        ProbeEndpoint failing = new ProbeEndpoint(config, l -> assigned.get("fra"), (l, r, d) -> {
            throw new IllegalStateException("queue full");
        }, counts, clock);
        Level before = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            Answer answer = failing.results(bearer(FRA_NEW), Optional.of("gzip"), gzip("fra", List.of(result("skat-dk", NOW))));
            assertThat(answer.status()).isEqualTo(503);
            assertThat(counts.batches).isZero();
        } finally {
            logger.setLevel(before);
        }
    }
}
