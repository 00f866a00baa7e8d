package io.varde.vantage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.varde.check.CheckResult;
import io.varde.check.ConditionResult;
import io.varde.check.Outcome;
import io.varde.check.ProbeError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Batches of results cross the wire exactly, compactly, and nothing malformed is read as a result. */
class ResultWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2025-11-13T08:00:00.123Z");

    private static List<CheckResult> everyShape() {
        List<CheckResult> out = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            out.add(new CheckResult("site-" + o.name().toLowerCase(), AT.plusMillis(o.ordinal()), Duration.ofMillis(87),
                    o, null, List.of(new ConditionResult("[STATUS] == 200", o != Outcome.FAIL, "200"),
                            new ConditionResult("[RESPONSE_TIME] < 2s", o != Outcome.SLOW, "87ms")), "192.0.2.10"));
        }
        for (ProbeError.Reason r : ProbeError.Reason.values()) {
            out.add(new CheckResult("err-" + r.name().toLowerCase(), AT, Duration.ofSeconds(10), Outcome.FAIL,
                    new ProbeError(r, "no answer within 10s \"quoted\" æøå"),
                    List.of(new ConditionResult("[STATUS] == 200", false, "n/a")), null));
        }
        out.add(new CheckResult("no-conditions", AT, Duration.ZERO, Outcome.OK, null, List.of(), "2001:db8::1"));
        return out;
    }

    @Test
    void aBatchOfEveryOutcomeErrorAndConditionRoundTripsExactly() throws Exception {
        ResultBatch sent = new ResultBatch("fra", AT.plusSeconds(1), 17, everyShape());

        assertThat(ResultWire.decode(ResultWire.encode(sent), 5_000)).isEqualTo(sent);
        assertThat(ResultWire.decode(Gzip.decompress(ResultWire.encodeGzip(sent), 1 << 20), 5_000)).isEqualTo(sent);
    }

    @Test
    void theJsonIsTheDocumentedShapeWithAbsentFieldsLeftOut() throws Exception {
        ResultBatch sent = new ResultBatch("fra", AT, 0, List.of(
                new CheckResult("a", AT, Duration.ofMillis(5), Outcome.FAIL, new ProbeError(ProbeError.Reason.TIMEOUT, "slow"),
                        List.of(new ConditionResult("[STATUS] == 200", false, "n/a")), null),
                new CheckResult("b", AT, Duration.ofMillis(6), Outcome.MITIGATED, null, List.of(), "10.0.0.1",
                        "cf-mitigated: challenge")));

        JsonNode doc = JSON.readTree(ResultWire.encode(sent));

        assertThat(doc.get("location").asText()).isEqualTo("fra");
        assertThat(doc.get("sent_at").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(doc.get("dropped").asInt()).isZero();
        JsonNode a = doc.get("results").get(0);
        assertThat(a.toString()).isEqualTo("{\"t\":\"a\",\"at\":" + AT.toEpochMilli() + ",\"ms\":5,\"o\":\"FAIL\","
                + "\"e\":{\"r\":\"TIMEOUT\",\"m\":\"slow\"},\"c\":[[\"[STATUS] == 200\",false,\"n/a\"]]}");
        JsonNode b = doc.get("results").get(1);
        assertThat(b.has("e")).isFalse();
        assertThat(b.get("o").asText()).isEqualTo("MITIGATED");
        assertThat(b.get("ip").asText()).isEqualTo("10.0.0.1");
        assertThat(b.get("m").asText()).isEqualTo("cf-mitigated: challenge");
        assertThat(a.has("m")).isFalse();
        assertThat(ResultWire.decode(ResultWire.encode(sent), 10)).isEqualTo(sent);
    }

    /**
     * A typical batch of 1,000 HTTP results of 3,000 targets checked every 30 s (ids like real
     * ones, in no order, each with its own IP; 200 in 40-540 ms with two conditions; 1 in 50
     * failing with a timeout), gzipped as sent: the bytes per result, printed for the benchmark
     * notes, stay small.
     */
    @Test
    void aTypicalBatchOfAThousandHttpResultsCostsFewBytesEachOnTheWire() {
        java.util.Random random = new java.util.Random(16);
        List<String> ids = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int n = 5 + random.nextInt(12); n > 0; n--) {
                id.append((char) ('a' + random.nextInt(26)));
            }
            ids.add(id.append(random.nextInt(4) == 0 ? "-kommune-dk" : "-dk").toString());
            ips.add(random.nextInt(224) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
        }
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int t = random.nextInt(3_000);
            long ms = 40 + random.nextInt(500);
            Instant at = AT.plusMillis(random.nextInt(1_000));
            results.add(random.nextInt(50) == 0
                    ? new CheckResult(ids.get(t), at, Duration.ofSeconds(10), Outcome.FAIL,
                            new ProbeError(ProbeError.Reason.TIMEOUT, "no complete answer within 10s"),
                            List.of(new ConditionResult("[STATUS] == 200", false, "n/a"),
                                    new ConditionResult("[RESPONSE_TIME] < 2s", false, "10000ms")), ips.get(t))
                    : new CheckResult(ids.get(t), at, Duration.ofMillis(ms), Outcome.OK, null,
                            List.of(new ConditionResult("[STATUS] == 200", true, "200"),
                                    new ConditionResult("[RESPONSE_TIME] < 2s", true, ms + "ms")), ips.get(t)));
        }
        ResultBatch batch = new ResultBatch("fra", AT, 0, results);

        int json = ResultWire.encode(batch).length;
        int gzip = ResultWire.encodeGzip(batch).length;

        System.out.printf("result wire: 1000 HTTP results, %d bytes JSON (%.1f per result), %d bytes gzip (%.1f per result)%n",
                json, json / 1000.0, gzip, gzip / 1000.0);
        assertThat(gzip / 1000.0).as("gzip bytes per result").isLessThan(60);
    }

    static Stream<Arguments> malformed() {
        String ok = "{\"t\":\"a\",\"at\":1,\"ms\":5,\"o\":\"OK\",\"c\":[]}";
        return Stream.of(
                Arguments.of("{\"sent_at\":1,\"dropped\":0,\"results\":[]}", "location: missing"),
                Arguments.of("{\"location\":\"fra\",\"sent_at\":\"now\",\"dropped\":0,\"results\":[]}", "sent_at: must be an integer"),
                Arguments.of("{\"location\":\"fra\",\"sent_at\":1,\"dropped\":-1,\"results\":[]}", "dropped: -1 is out of range"),
                Arguments.of("{\"location\":\"fra\",\"sent_at\":1,\"dropped\":0,\"results\":{}}", "results: must be an array"),
                Arguments.of(batch(ok.replace("\"OK\"", "\"UP\"")), "results[0].o: \"UP\" is not one of OK, SLOW, FAIL, MITIGATED"),
                Arguments.of(batch(ok.replace("\"ms\":5", "\"ms\":5.5")), "results[0].ms: must be an integer"),
                Arguments.of(batch(ok.replace("\"t\":\"a\"", "\"t\":\"A B\"")), "results[0].t: \"A B\" is not a name"),
                Arguments.of(batch(ok.replace("\"c\":[]", "\"c\":[[\"x\",true]]")), "results[0].c[0]: must be [condition, passed, observed]"),
                Arguments.of(batch(ok.replace("\"c\":[]", "\"c\":[[\"x\",\"yes\",\"y\"]]")), "results[0].c[0][1]: must be true or false"),
                Arguments.of(batch(ok.replace("\"c\":[]", "\"c\":[],\"e\":{\"r\":\"BOOM\",\"m\":\"x\"}")),
                        "results[0].e.r: \"BOOM\" is not one of DNS, CONNECT, TIMEOUT, TLS, PROTOCOL, OTHER"),
                Arguments.of(batch(ok.replace("\"c\":[]", "\"c\":[],\"ip\":7")), "results[0].ip: must be a string"),
                Arguments.of(batch(ok.replace("\"c\":[]", "\"c\":[],\"m\":[]")), "results[0].m: must be a string"),
                Arguments.of(batch("7"), "results[0]: must be an object"),
                Arguments.of("[]", "(document): must be an object"),
                Arguments.of("", "the body is empty"),
                Arguments.of("{\"location\":", "the body is not JSON"));
    }

    private static String batch(String result) {
        return "{\"location\":\"fra\",\"sent_at\":1,\"dropped\":0,\"results\":[" + result + "]}";
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void aMalformedBatchIsRefusedSayingWhereAndWhat(String json, String message) {
        assertThatThrownBy(() -> ResultWire.decode(json.getBytes(StandardCharsets.UTF_8), 5_000))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith(message)
                .matches(e -> !((WireFormatException) e).tooLarge());
    }

    @Test
    void moreResultsThanTheLimitIsTooLargeNotMalformed() {
        ResultBatch sent = new ResultBatch("fra", AT, 0, everyShape());

        assertThatThrownBy(() -> ResultWire.decode(ResultWire.encode(sent), 3))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("a batch holds at most 3 results, this one " + everyShape().size())
                .matches(e -> ((WireFormatException) e).tooLarge());
    }
}
