package io.varde.check;

import static io.varde.check.CheckKind.DNS;
import static io.varde.check.CheckKind.HTTP;
import static io.varde.check.CheckKind.TCP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionEvaluateTest {

    private static final String NOT_JSON = "n/a (body is not JSON)";
    private static final String NO_PATH = "n/a (no such path)";

    private static Arguments http(String name, String condition, Observations o, boolean passed,
                                  String observed) {
        return argumentSet(name, HTTP, condition, o.build(), passed, observed);
    }

    private static Arguments body(String name, String condition, String body, boolean passed,
                                  String observed) {
        return http(name, condition, Observations.http().body(body), passed, observed);
    }

    static Stream<Arguments> status() {
        return Stream.of(
                http("200 is 200", "[STATUS] == 200", Observations.http(), true, "200"),
                http("503 is not 200", "[STATUS] == 200", Observations.http().status(503), false, "503"),
                http("204 is below 300", "[STATUS] < 300", Observations.http().status(204), true, "204"),
                http("502 is 500 or above", "[STATUS] >= 500", Observations.http().status(502), true, "502"),
                http("any matches", "[STATUS] == any(200, 204)", Observations.http().status(204), true, "204"),
                http("any misses", "[STATUS] == any(200, 204)", Observations.http().status(500), false, "500"),
                http("not any", "[STATUS] != any(500, 502)", Observations.http().status(503), true, "503"),
                http("pattern matches", "[STATUS] == pat(2*)", Observations.http().status(201), true, "201"),
                http("pattern misses", "[STATUS] == pat(2*)", Observations.http().status(404), false, "404"),
                http("negated ? pattern", "[STATUS] != pat(5??)", Observations.http().status(503), false, "503"),
                argumentSet("probe error: == fails", HTTP, "[STATUS] == 200", Observations.refused(), false, "n/a"),
                argumentSet("probe error: != fails too", HTTP, "[STATUS] != 500", Observations.refused(), false, "n/a"));
    }

    static Stream<Arguments> responseTime() {
        return Stream.of(
                http("fast in ms", "[RESPONSE_TIME] < 800", Observations.http().millis(120), true, "120ms"),
                http("slow in ms", "[RESPONSE_TIME] < 800", Observations.http().millis(1234), false, "1234ms"),
                http("below a duration", "[RESPONSE_TIME] < 2s", Observations.http().millis(1999), true, "1999ms"),
                http("at a fractional duration", "[RESPONSE_TIME] <= 1.5s", Observations.http().millis(1500), true, "1500ms"),
                http("not above 500ms", "[RESPONSE_TIME] > 500ms", Observations.http().millis(120), false, "120ms"),
                argumentSet("time to the error is still a time", HTTP, "[RESPONSE_TIME] < 800",
                        Observations.refused(), false, "10000ms"));
    }

    static Stream<Arguments> bodyText() {
        return Stream.of(
                body("contains", "[BODY] contains Borger", "Velkommen, Borger!", true, "Velkommen, Borger!"),
                body("contains is case-sensitive", "[BODY] contains borger", "Velkommen, Borger!", false, "Velkommen, Borger!"),
                body("pattern with markup", "[BODY] == pat(*<title>Home*)", "<html><title>Home</title></html>", true,
                        "<html><title>Home</title></html>"),
                body("equality ignores surrounding white space", "[BODY] == OK", "OK\n", true, "OK"),
                body("numbers compare as numbers", "[BODY] == 42", "42.0", true, "42.0"),
                body("line breaks shown as spaces", "[BODY] contains two", "line one\nline two", true, "line one line two"),
                body("long body cut to 80 characters", "[BODY] contains b", "a".repeat(200) + "b", true, "a".repeat(79) + "…"),
                body("huge multi-line body cut to 80 characters", "[BODY] contains end",
                        "x\n".repeat(50_000) + "end", true, "x ".repeat(39) + "x…"),
                http("no body kept", "[BODY] contains x", Observations.http(), false, "n/a"),
                argumentSet("no body after an error", HTTP, "[BODY] contains x", Observations.refused(), false, "n/a"));
    }

    static Stream<Arguments> jsonPath() {
        return Stream.of(
                body("member equals", "[BODY].status == UP", "{\"status\":\"UP\"}", true, "UP"),
                body("member differs", "[BODY].status == UP", "{\"status\":\"DOWN\"}", false, "DOWN"),
                body("deep path", "[BODY].a.b[0].c == x", "{\"a\":{\"b\":[{\"c\":\"x\"}]}}", true, "x"),
                body("root array", "[BODY][0].id == 7", "[{\"id\":7}]", true, "7"),
                body("nested arrays", "[BODY].matrix[1][0] == 3", "{\"matrix\":[[1,2],[3,4]]}", true, "3"),
                body("number compared", "[BODY].count > 10", "{\"count\":12}", true, "12"),
                body("number in a string compared", "[BODY].count > 10", "{\"count\":\"12\"}", true, "12"),
                body("decimal compared", "[BODY].ratio <= 0.5", "{\"ratio\":0.25}", true, "0.25"),
                body("1.0 equals 1", "[BODY].n == 1", "{\"n\":1.0}", true, "1.0"),
                body("leading zeros are still the number", "[BODY].code == 007", "{\"code\":\"7\"}", true, "7"),
                body("text equality is exact", "[BODY].name == Bob", "{\"name\":\"bob\"}", false, "bob"),
                body("quoted text with spaces", "[BODY].name == \"Bob Smith\"", "{\"name\":\"Bob Smith\"}", true, "Bob Smith"),
                body("text is not ordered", "[BODY].name < 5", "{\"name\":\"bob\"}", false, "bob"),
                body("boolean as text", "[BODY].ok == true", "{\"ok\":true}", true, "true"),
                body("null as text", "[BODY].error == null", "{\"error\":null}", true, "null"),
                body("object as compact JSON", "[BODY].data contains a", "{\"data\": {\"a\": 1}}", true, "{\"a\":1}"),
                body("array as compact JSON", "[BODY].items == [1,2]", "{\"items\": [1, 2]}", true, "[1,2]"),
                body("body is not JSON", "[BODY].status == UP", "<html>", false, NOT_JSON),
                body("JSON followed by junk is not JSON", "[BODY].status == UP", "{\"status\":\"UP\"} <!-- -->", false, NOT_JSON),
                body("missing member", "[BODY].missing == UP", "{\"status\":\"UP\"}", false, NO_PATH),
                body("index out of range", "[BODY].items[5] == x", "{\"items\":[1]}", false, NO_PATH),
                body("member of a string", "[BODY].status.code == 1", "{\"status\":\"UP\"}", false, NO_PATH),
                http("no body", "[BODY].status == UP", Observations.http(), false, "n/a"));
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                body("len of array", "len([BODY].items) == 3", "{\"items\":[1,2,3]}", true, "3"),
                body("len of object", "len([BODY].user) == 2", "{\"user\":{\"a\":1,\"b\":2}}", true, "2"),
                body("len of string counts characters", "len([BODY].name) == 5", "{\"name\":\"Borgå\"}", true, "5"),
                body("len of a JSON array body", "len([BODY]) == 2", "[1,2]", true, "2"),
                body("len of a text body", "len([BODY]) == 5", "hello", true, "5"),
                body("len of missing path", "len([BODY].items) > 0", "{\"x\":1}", false, NO_PATH),
                body("len of null", "len([BODY].items) == 0", "{\"items\":null}", false, "n/a (null)"),
                http("len of IP", "len([IP]) == 9", Observations.http(), true, "9"),
                body("has: absent", "has([BODY].errors) == false", "{\"ok\":true}", true, "false"),
                body("has: present even when empty", "has([BODY].errors) == false", "{\"errors\":[]}", false, "true"),
                body("has: null is absent", "has([BODY].errors) == true", "{\"errors\":null}", false, "false"),
                body("has: deep path present", "has([BODY].a[0].b) == true", "{\"a\":[{\"b\":0}]}", true, "true"),
                body("has: body not JSON", "has([BODY].errors) == false", "<html>", false, NOT_JSON),
                argumentSet("has: no body", HTTP, "has([BODY].errors) == false", Observations.refused(), false, "n/a"));
    }

    static Stream<Arguments> connectedAndIp() {
        return Stream.of(
                argumentSet("connected", TCP, "[CONNECTED] == true", Observations.tcp().build(), true, "true"),
                argumentSet("closed port wanted", TCP, "[CONNECTED] == false", Observations.refused(), true, "false"),
                argumentSet("closed port unwanted", TCP, "[CONNECTED] == true", Observations.refused(), false, "false"),
                argumentSet("TRUE read as true", TCP, "[CONNECTED] == TRUE", Observations.tcp().build(), true, "true"),
                argumentSet("IP equals", TCP, "[IP] == 127.0.0.1", Observations.tcp().build(), true, "127.0.0.1"),
                argumentSet("IP pattern", TCP, "[IP] == pat(127.0.*)", Observations.tcp().build(), true, "127.0.0.1"),
                argumentSet("IP pattern misses", TCP, "[IP] == pat(10.*)", Observations.tcp().build(), false, "127.0.0.1"),
                argumentSet("IP in list", TCP, "[IP] == any(10.0.0.1, 127.0.0.1)", Observations.tcp().build(), true, "127.0.0.1"),
                argumentSet("IP contains", TCP, "[IP] contains 0.0", Observations.tcp().build(), true, "127.0.0.1"),
                argumentSet("IP unknown after error", TCP, "[IP] == 127.0.0.1", Observations.refused(), false, "n/a"),
                argumentSet("IP kept after error", TCP, "[IP] == 127.0.0.1",
                        Observations.tcp().refusedAfterResolving().build(), true, "127.0.0.1"));
    }

    static Stream<Arguments> dnsRcode() {
        return Stream.of(
                argumentSet("NOERROR", DNS, "[DNS_RCODE] == NOERROR", Observations.dns().build(), true, "NOERROR"),
                argumentSet("rcode written in lower case", DNS, "[DNS_RCODE] == nxdomain",
                        Observations.dns().rcode("NXDOMAIN").build(), true, "NXDOMAIN"),
                argumentSet("rcode reported in lower case", DNS, "[DNS_RCODE] == NOERROR",
                        Observations.dns().rcode("noerror").build(), true, "NOERROR"),
                argumentSet("SERVFAIL is not NOERROR", DNS, "[DNS_RCODE] == NOERROR",
                        Observations.dns().rcode("SERVFAIL").build(), false, "SERVFAIL"),
                argumentSet("rcode in list", DNS, "[DNS_RCODE] == any(NOERROR, NXDOMAIN)",
                        Observations.dns().rcode("NXDOMAIN").build(), true, "NXDOMAIN"),
                argumentSet("rcode pattern ignores case", DNS, "[DNS_RCODE] == pat(nx*)",
                        Observations.dns().rcode("NXDOMAIN").build(), true, "NXDOMAIN"),
                argumentSet("answers in the body", DNS, "[BODY] contains 127.0.0.1",
                        Observations.dns().build(), true, "127.0.0.1"),
                argumentSet("no answer after error", DNS, "[DNS_RCODE] == NOERROR", Observations.refused(), false, "n/a"));
    }

    static Stream<Arguments> certificate() {
        return Stream.of(
                http("30 days left, more than 72h", "[CERTIFICATE_EXPIRATION] > 72h",
                        Observations.http().certificateLeft(Duration.ofDays(30)), true, "30d"),
                http("just under 30 days", "[CERTIFICATE_EXPIRATION] > 30d",
                        Observations.http().certificateLeft(Duration.ofDays(30).minusHours(1)), false, "29d23h"),
                http("bare number is milliseconds", "[CERTIFICATE_EXPIRATION] > 259200000",
                        Observations.http().certificateLeft(Duration.ofDays(2)), false, "2d"),
                http("expired", "[CERTIFICATE_EXPIRATION] > 0",
                        Observations.http().certificateLeft(Duration.ofDays(-1)), false, "-1d"),
                http("no certificate (plain http)", "[CERTIFICATE_EXPIRATION] > 72h", Observations.http(), false, "n/a"));
    }

    static Stream<Arguments> twoPlaceholders() {
        return Stream.of(
                body("JSON value vs IP", "[BODY].ip == [IP]", "{\"ip\":\"127.0.0.1\"}", true, "127.0.0.1 vs 127.0.0.1"),
                http("limit vs response time", "[BODY].limit > [RESPONSE_TIME]",
                        Observations.http().body("{\"limit\":500}").millis(120), true, "500 vs 120ms"),
                http("right side missing", "[BODY].ip == [IP]",
                        Observations.http().body("{\"ip\":\"127.0.0.1\"}").ip(null), false, "127.0.0.1 vs n/a"),
                http("left side missing", "[BODY].ip == [IP]", Observations.http(), false, "n/a vs 127.0.0.1"),
                body("len vs len", "len([BODY].a) == len([BODY].b)", "{\"a\":[1],\"b\":[2,3]}", false, "1 vs 2"));
    }

    @ParameterizedTest
    @MethodSource({"status", "responseTime", "bodyText", "jsonPath", "functions", "connectedAndIp",
            "dnsRcode", "certificate", "twoPlaceholders"})
    void evaluates(CheckKind kind, String text, Observation observation, boolean passed,
                   String observed) throws ConditionSyntaxException {
        ConditionResult result = Condition.parse(text, kind).evaluate(observation);

        assertThat(result).isEqualTo(new ConditionResult(text, passed, observed));
    }
}
