package io.varde.web;

import static io.varde.web.ApiFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.varde.intel.IntelSources;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The read API's contract over real HTTP on 127.0.0.1: status codes, content types, exact shapes
 * (what the status page and users' scripts read), ordering, filters and errors; data from
 * {@link ApiFixture}. The claims webhook is served too, to prove GET and POST share the path.
 */
class ApiRoutesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private WebServer server;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        ApiFixture fixture = new ApiFixture();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        List<Route> routes = new ArrayList<>(new ApiRoutes(fixture.data, clock).routes());
        routes.addAll(ClaimsEndpoint.routes(Map.of(ClaimsEndpoint.TOKEN_VARIABLE, "t0ken"), IntelSources.NONE,
                fixture.intel::claim, clock));
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes);
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Response.JSON);
        if (status == 200) {
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    @Test
    void targetsAreSortedBySectorThenIdWithEveryField() throws Exception {
        JsonNode body = get("/api/targets", 200);

        assertThat(body.get("generatedAt").asText()).isEqualTo("2025-11-13T09:00:00Z");
        assertThat(ids(body.get("targets"))).containsExactly("energinet", "skat", "trm", "loner");
        assertThat(body.get("targets").get(2)).isEqualTo(JSON.readTree("""
                {"id": "trm", "name": "TRM", "kind": "http", "host": "www.trm.dk",
                 "labels": {"sector": "government"}, "state": "DOWN", "since": "2025-11-13T08:55:00Z",
                 "flapping": false, "lastCheck": "2025-11-13T08:59:30Z", "latencyMs": 3,
                 "problem": "connection refused", "uptime24h": 0.5, "uptime7d": 0.8, "incident": "INC-2",
                 "tasked": true,
                 "spark": [130, 129, 128, 127, 126, 125, 124, 123, 122, 121, 120, 119, 118, 117, 116, 115, 114,
                           113, 112, 111, null, 109, null, 107, null, 105, null, 103, null, 101]}"""));
        assertThat(body.get("targets").get(3)).isEqualTo(JSON.readTree("""
                {"id": "loner", "name": "LONER", "kind": "http", "host": "loner.example", "labels": {},
                 "state": "UNKNOWN", "since": null, "flapping": false, "lastCheck": null, "latencyMs": null,
                 "problem": "", "uptime24h": null, "uptime7d": null, "incident": null, "tasked": false,
                 "spark": []}"""));
        assertThat(body.get("targets").get(0).get("kind").asText()).isEqualTo("tcp");
        assertThat(body.get("targets").get(0).get("flapping").asBoolean()).isTrue();
    }

    @Test
    void aResolvedIncidentIsNoTargetsIncident() throws Exception {
        JsonNode skat = get("/api/targets", 200).get("targets").get(1);

        assertThat(skat.get("id").asText()).isEqualTo("skat");
        assertThat(skat.get("incident").isNull()).isTrue();
    }

    @Test
    void sectorFilters() throws Exception {
        assertThat(ids(get("/api/targets?sector=government", 200).get("targets"))).containsExactly("skat", "trm");
        assertThat(ids(get("/api/targets?sector=health", 200).get("targets"))).isEmpty();
    }

    @Test
    void stateAndSearchFilterAndTheTotalCountsTheMatches() throws Exception {
        assertThat(ids(get("/api/targets?state=down", 200).get("targets"))).containsExactly("trm");
        assertThat(ids(get("/api/targets?state=problems", 200).get("targets"))).containsExactly("trm");
        assertThat(ids(get("/api/targets?state=UP,unknown", 200).get("targets")))
                .containsExactly("energinet", "skat", "loner");
        assertThat(ids(get("/api/targets?q=TRM", 200).get("targets"))).as("the name, any case").containsExactly("trm");
        assertThat(ids(get("/api/targets?q=energinet.dk", 200).get("targets"))).as("the host")
                .containsExactly("energinet");
        assertThat(ids(get("/api/targets?q=dk&sector=government&state=up", 200).get("targets")))
                .containsExactly("skat");
        JsonNode none = get("/api/targets?q=nothing-like-it", 200);
        assertThat(none.get("targets")).isEmpty();
        assertThat(none.get("total").asInt()).isZero();
        assertThat(none.get("next").isNull()).isTrue();
        assertThat(get("/api/targets", 200).get("total").asInt()).isEqualTo(4);
    }

    @Test
    void pagesWalkEveryTargetOnceInOrderFollowingNext() throws Exception {
        List<String> seen = new ArrayList<>();
        String path = "/api/targets?limit=1";
        for (int page = 0; page < 10; page++) {
            JsonNode body = get(path, 200);
            assertThat(body.get("total").asInt()).as("total on every page").isEqualTo(4);
            assertThat(body.get("targets")).hasSize(1);
            seen.addAll(ids(body.get("targets")));
            if (body.get("next").isNull()) {
                break;
            }
            path = "/api/targets?limit=1&cursor=" + body.get("next").asText();
        }
        assertThat(seen).containsExactly("energinet", "skat", "trm", "loner");

        JsonNode first = get("/api/targets?sector=government&limit=1", 200);
        assertThat(ids(first.get("targets"))).containsExactly("skat");
        JsonNode second = get("/api/targets?sector=government&limit=5&cursor=" + first.get("next").asText(), 200);
        assertThat(ids(second.get("targets"))).containsExactly("trm");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(ids(get("/api/targets?limit=3", 200).get("targets"))).hasSize(3);
    }

    @Test
    void badFiltersAndPagesAreRefusedWithWhatIsAccepted() throws Exception {
        assertThat(get("/api/targets?state=sideways", 400).get("error").asText())
                .isEqualTo("state must be UP, DEGRADED, DOWN, UNKNOWN or problems (several separated by commas), "
                        + "not \"sideways\"");
        assertThat(get("/api/targets?limit=0", 400).get("error").asText())
                .isEqualTo("limit must be a number from 1 to 1000, not \"0\"");
        assertThat(get("/api/targets?limit=lots", 400).get("error").asText()).startsWith("limit must be");
        assertThat(get("/api/targets?limit=1001", 400).get("error").asText()).startsWith("limit must be");
        assertThat(get("/api/targets?cursor=%21%21", 400).get("error").asText())
                .startsWith("cursor must be the \"next\" of an earlier answer");
        assertThat(get("/api/targets?cursor=bm90aGluZw", 400).get("error").asText()).as("base64 of no key")
                .startsWith("cursor must be");
    }

    @Test
    void oneTargetHasItsDayOfHistoryAndTheClaimsOnIt() throws Exception {
        JsonNode skat = get("/api/targets/skat", 200);
        JsonNode trm = get("/api/targets/trm", 200);

        assertThat(skat.get("history")).isEqualTo(JSON.readTree("""
                [{"at": "2025-11-13T07:00:00Z", "outcome": "SLOW", "latencyMs": 2500}]"""));
        assertThat(skat.get("claims")).isEmpty();
        assertThat(skat.get("uptime24h").asDouble()).isEqualTo(1.0);
        assertThat(trm.get("history")).hasSize(35);
        assertThat(trm.get("history").get(0).get("at").asText()).isEqualTo("2025-11-13T08:42:30Z");
        assertThat(trm.get("claims")).hasSize(1);
        assertThat(trm.get("claims").get(0).get("id").asText()).isEqualTo("C-1");
        assertThat(trm.get("spark")).hasSize(30);
    }

    @Test
    void anUnknownTargetIs404() throws Exception {
        assertThat(get("/api/targets/nope", 404)).isEqualTo(JSON.readTree("{\"error\": \"no target \\\"nope\\\"\"}"));
    }

    @Test
    void openIncidentsWithEveryField() throws Exception {
        JsonNode incidents = get("/api/incidents", 200).get("incidents");

        assertThat(ids(incidents)).containsExactly("INC-2");
        JsonNode inc = incidents.get(0);
        assertThat(fieldNames(inc)).containsExactly("id", "number", "kind", "state", "severity", "title", "openedAt",
                "updatedAt", "resolvedAt", "acknowledgedBy", "escalationLevel", "muted", "targets", "evidence");
        assertThat(inc.get("number").asLong()).isEqualTo(2);
        assertThat(inc.get("kind").asText()).isEqualTo("OUTAGE");
        assertThat(inc.get("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(inc.get("severity").isTextual()).isTrue();
        assertThat(inc.get("title").asText()).contains("TRM");
        assertThat(inc.get("openedAt").asText()).isEqualTo("2025-11-13T08:55:00Z");
        assertThat(inc.get("resolvedAt").isNull()).isTrue();
        assertThat(inc.get("acknowledgedBy").asText()).isEqualTo("alice");
        assertThat(inc.get("escalationLevel").isInt()).isTrue();
        assertThat(inc.get("muted").asText()).isEqualTo("M-1");
        assertThat(inc.get("targets")).isEqualTo(JSON.readTree("""
                [{"id": "trm", "state": "DOWN", "since": "2025-11-13T08:55:00Z", "problem": "connect: connection refused"}]"""));
        assertThat(inc.get("evidence").isArray()).isTrue();
    }

    @Test
    void allIncidentsNewestFirstWithTheResolvedOnes() throws Exception {
        JsonNode incidents = get("/api/incidents?state=all", 200).get("incidents");

        assertThat(ids(incidents)).containsExactly("INC-2", "INC-1");
        assertThat(incidents.get(1).get("state").asText()).isEqualTo("RESOLVED");
        assertThat(incidents.get(1).get("resolvedAt").asText()).isEqualTo("2025-11-13T08:20:00Z");
        assertThat(incidents.get(1).get("muted").isNull()).isTrue();
        assertThat(incidents.get(1).get("acknowledgedBy").isNull()).isTrue();
    }

    @Test
    void aBadStateIs400() throws Exception {
        assertThat(get("/api/incidents?state=closed", 400).get("error").asText())
                .isEqualTo("state must be open or all, not \"closed\"");
    }

    static Stream<Arguments> incidentIds() {
        return Stream.of(Arguments.of(Named.of("INC-2", "INC-2")), Arguments.of(Named.of("2", "2")),
                Arguments.of(Named.of("lower case inc-2", "inc-2")));
    }

    @ParameterizedTest
    @MethodSource("incidentIds")
    void oneIncidentWithItsTimeline(String id) throws Exception {
        JsonNode inc = get("/api/incidents/" + id, 200);

        assertThat(inc.get("id").asText()).isEqualTo("INC-2");
        JsonNode timeline = inc.get("timeline");
        assertThat(timeline.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode entry : timeline) {
            assertThat(fieldNames(entry)).containsExactly("at", "actor", "action", "text");
        }
        assertThat(timeline.get(0).get("at").asText()).isEqualTo("2025-11-13T08:55:00Z");
        assertThat(timeline.get(1).get("actor").asText()).isEqualTo("alice");
    }

    @Test
    void anUnknownIncidentIs404AndAMalformedId400() throws Exception {
        assertThat(get("/api/incidents/INC-99", 404).get("error").asText()).isEqualTo("no incident INC-99");
        assertThat(get("/api/incidents/INC-x", 400).get("error").asText())
                .isEqualTo("\"INC-x\" is not an incident id such as INC-3 or 3");
    }

    @Test
    void claimsWithEveryField() throws Exception {
        JsonNode body = get("/api/claims", 200);

        assertThat(body.get("claims")).isEqualTo(JSON.readTree("""
                [{"id": "C-1", "source": "webhook", "sourceName": "partner", "actor": "NoName057(16)",
                  "claimedAt": "2025-11-13T08:50:00Z", "observedAt": "2025-11-13T08:58:00Z",
                  "hosts": ["www.trm.dk"], "paths": ["/search"], "links": ["https://t.me/x/1"], "text": "trm.dk down",
                  "targets": [{"target": "trm", "host": "www.trm.dk", "reason": "HOST", "detail": "same host www.trm.dk"}]}]"""));
        assertThat(body.get("taskLists")).isEmpty();
        assertThat(get("/api/claims?since=1m", 200).get("claims")).isEmpty();
    }

    static Stream<Arguments> badSince() {
        return Stream.of(Arguments.of(Named.of("not a duration", "yesterday")),
                Arguments.of(Named.of("more than 30 days", "31d")), Arguments.of(Named.of("zero", "0s")));
    }

    @ParameterizedTest
    @MethodSource("badSince")
    void aBadSinceIs400(String since) throws Exception {
        assertThat(get("/api/claims?since=" + since, 400).get("error").asText()).contains("since");
    }

    @Test
    void aSinceTooLongToBeADurationUpTo30DaysIs400() throws Exception {
        // "1d" a thousand times overflowed the stack of the duration pattern; 20 digits wrapped
        // around to a negative window. Durations now refuses the first and saturates the second.
        assertThat(get("/api/claims?since=" + "1d".repeat(1000), 400).get("error").asText())
                .startsWith("since: invalid duration \"1d1d").contains("...\": use a number and a unit");
        for (String since : List.of("99999999999999999999d", "25920000000ms")) {
            assertThat(get("/api/claims?since=" + since, 400).get("error").asText())
                    .isEqualTo("since must be more than 0 and at most 30d, not " + JsonFields.quote(since));
        }
    }

    @Test
    void aSinceOfTenDigitsIsStillRead() throws Exception {
        assertThat(get("/api/claims?since=2592000000ms", 200).get("claims")).hasSize(1);
        assertThat(get("/api/claims?since=2592000001ms", 400).get("error").asText())
                .isEqualTo("since must be more than 0 and at most 30d, not \"2592000001ms\"");
    }

    @Test
    void getAndPostShareTheClaimsPathAndOtherMethodsAre405() {
        HttpResponse<String> post = http.send(http.to("/api/claims").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{}")).build());
        HttpResponse<String> put = http.send(http.to("/api/claims").PUT(BodyPublishers.ofString("{}")).build());

        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
