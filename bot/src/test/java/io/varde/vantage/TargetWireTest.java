package io.varde.vantage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.check.CheckKind;
import io.varde.check.DnsSpec;
import io.varde.check.HttpSpec;
import io.varde.check.Mitigation;
import io.varde.check.TcpSpec;
import io.varde.check.Target;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What an agent runs is exactly the server's check: every component of every probe kind, the
 * conditions (parsed again), the mitigation signatures and the source address survive the wire;
 * what the agent does not need comes back as defaults. Anything malformed is refused with where
 * and what.
 */
class TargetWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Mitigation CUSTOM = new Mitigation(true, Set.of(503, 403), List.of("Checking your browser"),
            List.of("cf-mitigated: challenge", "x-sucuri-block"));

    static Stream<Target> everyKind() {
        return Stream.of(
                WireTargets.server("web", new HttpSpec(URI.create("https://www.borger.dk/login?x=1"), "POST",
                                Map.of("X-Trace", "1", "Accept", "text/html"), "{\"q\": \"æøå\"}", false, false),
                        Duration.ofSeconds(30), Duration.ofSeconds(10),
                        WireTargets.conditions(CheckKind.HTTP, "[STATUS] == 200", "[RESPONSE_TIME] < 2s",
                                "[BODY].status == UP", "[CERTIFICATE_EXPIRATION] > 72h"),
                        CUSTOM, "127.0.0.2"),
                WireTargets.server("plain", HttpSpec.get(URI.create("http://127.0.0.1:8080/")), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), WireTargets.conditions(CheckKind.HTTP, "[STATUS] == 200"),
                        Mitigation.DEFAULT, null),
                WireTargets.server("smtp", new TcpSpec("mail.example.dk", 25), Duration.ofMinutes(1),
                        Duration.ofSeconds(5), WireTargets.conditions(CheckKind.TCP, "[CONNECTED] == true"),
                        Mitigation.OFF, "::1"),
                WireTargets.server("ns", new DnsSpec("example.dk", "AAAA", "127.0.0.1:5353"), Duration.ofSeconds(20),
                        Duration.ofSeconds(2), WireTargets.conditions(CheckKind.DNS,
                                "[DNS_RCODE] == NOERROR", "[IP] == pat(10.0.*)"), Mitigation.DEFAULT, null),
                WireTargets.server("ns-system", new DnsSpec("example.dk", "MX", null), Duration.ofSeconds(20),
                        Duration.ofSeconds(2), List.of(), Mitigation.DEFAULT, "127.0.0.3"));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void aTargetCrossesTheWireAsTheAgentMustRunIt(Target server) throws Exception {
        JsonNode sent = JSON.readTree(JSON.writeValueAsBytes(TargetWire.encode(server)));

        Target received = TargetWire.decode(sent, "t");

        assertThat(received).isEqualTo(WireTargets.agentView(server));
        assertThat(received.conditions()).extracting(c -> c.text())
                .containsExactlyElementsOf(server.conditions().stream().map(c -> c.text()).toList());
        assertThat(received.needsBody()).isEqualTo(server.needsBody());
    }

    @Test
    void anAssignmentDocumentCrossesWholeAndItsVersionFollowsTheTargets() throws Exception {
        List<Target> targets = everyKind().toList();
        Assignment sent = Assignment.of("fra", Duration.ofSeconds(10), targets);

        Assignment received = Assignment.parse(sent.toJson());

        assertThat(received.location()).isEqualTo("fra");
        assertThat(received.intervalFloor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(received.targets()).containsExactlyElementsOf(targets.stream().map(WireTargets::agentView).toList());
        assertThat(received.version()).isEqualTo(sent.version()).hasSize(64)
                .isEqualTo(Assignment.of("fra", Duration.ofSeconds(10), everyKind().toList()).version());
        assertThat(Assignment.of("fra", Duration.ofSeconds(10), targets.subList(1, targets.size())).version())
                .isNotEqualTo(sent.version());
        JsonNode doc = JSON.readTree(sent.toJson());
        assertThat(doc.get("interval_floor_s").asLong()).isEqualTo(10);
        assertThat(doc.get("targets")).hasSize(targets.size());
    }

    @Test
    void whatDoesNotAffectTheCheckDoesNotChangeTheVersion() {
        Target a = everyKind().findFirst().orElseThrow();
        Target relabelled = new Target(a.id(), a.name(), a.probe(), a.interval(), a.timeout(),
                io.varde.check.DetectionSettings.DEFAULTS, io.varde.core.Labels.empty(), List.of(), a.conditions(),
                false, new io.varde.check.Vantage(List.of(), 0, null, a.vantage().sourceAddress()), a.mitigation());

        assertThat(Assignment.of("fra", Duration.ofSeconds(1), List.of(relabelled)).version())
                .isEqualTo(Assignment.of("fra", Duration.ofSeconds(1), List.of(a)).version());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no id", (Edit) t -> t.remove("id"), "t.id: missing"),
                Arguments.of("id not a name", (Edit) t -> t.put("id", "Bad Id"), "t.id: \"Bad Id\" is not a name"),
                Arguments.of("unknown kind", (Edit) t -> t.put("kind", "icmp"), "t.kind: \"icmp\" is not one of http, tcp, dns"),
                Arguments.of("url not http", (Edit) t -> probe(t).put("url", "file:///etc/passwd"),
                        "t.probe.url: \"file:///etc/passwd\" is not an http(s) URL with a host"),
                Arguments.of("method", (Edit) t -> probe(t).put("method", "get it"), "t.probe.method: \"get it\" is not an HTTP method"),
                Arguments.of("header not text", (Edit) t -> ((ObjectNode) probe(t).get("headers")).put("X", 1),
                        "t.probe.headers.X: must be a string"),
                Arguments.of("redirects not boolean", (Edit) t -> probe(t).put("follow_redirects", "yes"),
                        "t.probe.follow_redirects: must be true or false"),
                Arguments.of("interval zero", (Edit) t -> t.put("interval_ms", 0), "t.interval_ms: 0 is out of range"),
                Arguments.of("timeout text", (Edit) t -> t.put("timeout_ms", "5s"), "t.timeout_ms: must be an integer"),
                Arguments.of("condition unparsable", (Edit) t -> t.putArray("conditions").add("[STAUS] == 200"),
                        "t.conditions[0]: unknown placeholder [STAUS]"),
                Arguments.of("condition not text", (Edit) t -> t.putArray("conditions").add(200),
                        "t.conditions[0]: must be a string"),
                Arguments.of("no mitigation", (Edit) t -> t.remove("mitigation"), "t.mitigation: missing"),
                Arguments.of("status out of range", (Edit) t -> ((ObjectNode) t.get("mitigation")).putArray("statuses").add(42),
                        "t.mitigation.statuses[0]: 42 is out of range (100-599)"),
                Arguments.of("source not an address", (Edit) t -> t.put("source_address", "evil.example"),
                        "t.source_address: \"evil.example\" is not an IP address"),
                Arguments.of("empty object", (Edit) t -> t.removeAll(), "t.id: missing"));
    }

    interface Edit {
        void apply(ObjectNode target);
    }

    private static ObjectNode probe(ObjectNode t) {
        return (ObjectNode) t.get("probe");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedTargetIsRefusedSayingWhereAndWhat(String name, Edit edit, String message) {
        ObjectNode node = TargetWire.encode(everyKind().findFirst().orElseThrow());
        edit.apply(node);

        assertThatThrownBy(() -> TargetWire.decode(node, "t"))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith(message);
    }

    @Test
    void aPortOutOfRangeAndAMissingDnsTypeAreRefused() {
        ObjectNode tcp = TargetWire.encode(everyKind().filter(t -> t.kind() == CheckKind.TCP).findFirst().orElseThrow());
        probe(tcp).put("port", 70000);
        ObjectNode dns = TargetWire.encode(everyKind().filter(t -> t.kind() == CheckKind.DNS).findFirst().orElseThrow());
        probe(dns).remove("query_type");

        assertThatThrownBy(() -> TargetWire.decode(tcp, "t")).hasMessage("t.probe.port: 70000 is out of range (1-65535)");
        assertThatThrownBy(() -> TargetWire.decode(dns, "t")).hasMessage("t.probe.query_type: missing");
    }

    @Test
    void aDocumentThatIsNotJsonOrNamesATargetTwiceIsRefused() {
        Target t = everyKind().findFirst().orElseThrow();
        byte[] twice = Assignment.of("fra", Duration.ofSeconds(1), List.of(t)).toJson();
        String doc = new String(twice, StandardCharsets.UTF_8);
        String targetJson = TargetWire.encode(t).toString();
        byte[] doubled = doc.replace(targetJson, targetJson + "," + targetJson).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Assignment.parse("{\"location\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("the body is not JSON");
        assertThatThrownBy(() -> Assignment.parse(doubled)).hasMessage("targets[1].id: web is given twice");
        assertThatThrownBy(() -> Assignment.parse("{\"location\":\"fra\",\"version\":\"abc\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("version: not 64 lower-case hex digits");
    }
}
