package io.varde.check;

import static io.varde.check.CheckKind.DNS;
import static io.varde.check.CheckKind.HTTP;
import static io.varde.check.CheckKind.TCP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionParseTest {

    private static final String OPERATORS = "use one of == != < <= > >= contains";
    private static final String HTTP_KNOWN =
            "[STATUS], [RESPONSE_TIME], [BODY], [CERTIFICATE_EXPIRATION], [CONNECTED], [IP]";
    private static final String RCODES = "NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED, "
            + "YXDOMAIN, YXRRSET, NXRRSET, NOTAUTH, NOTZONE";

    static Stream<Arguments> valid() {
        return Stream.of(
                argumentSet("status equals", HTTP, "[STATUS] == 200"),
                argumentSet("no spaces around the operator", HTTP, "[STATUS]==200"),
                argumentSet("lower-case placeholder, as Gatus allows", HTTP, "[status] == 200"),
                argumentSet("status in a list", HTTP, "[STATUS] == any(200, 204)"),
                argumentSet("status pattern", HTTP, "[STATUS] == pat(2*)"),
                argumentSet("quoted number", HTTP, "[STATUS] != \"500\""),
                argumentSet("response time in ms", HTTP, "[RESPONSE_TIME] < 800"),
                argumentSet("response time as duration", HTTP, "[RESPONSE_TIME] <= 2s"),
                argumentSet("body contains", HTTP, "[BODY] contains Borger"),
                argumentSet("body pattern with markup", HTTP, "[BODY] == pat(*<title>Home*)"),
                argumentSet("contains text with an operator", HTTP, "[BODY] contains a <= b"),
                argumentSet("JSON member", HTTP, "[BODY].status == UP"),
                argumentSet("JSON deep path", HTTP, "[BODY].a.b[0].c == x"),
                argumentSet("JSON root array", HTTP, "[BODY][0].id == 1"),
                argumentSet("JSON nested arrays", HTTP, "[BODY].matrix[1][2] > 3"),
                argumentSet("len of JSON array", HTTP, "len([BODY].items) > 0"),
                argumentSet("len of body", HTTP, "len([BODY]) < 100"),
                argumentSet("len of IP", HTTP, "len([IP]) >= 7"),
                argumentSet("has JSON path", HTTP, "has([BODY].errors) == false"),
                argumentSet("certificate in hours", HTTP, "[CERTIFICATE_EXPIRATION] > 72h"),
                argumentSet("certificate in ms", HTTP, "[CERTIFICATE_EXPIRATION] > 259200000"),
                argumentSet("connected over http", HTTP, "[CONNECTED] == true"),
                argumentSet("IP pattern", HTTP, "[IP] == pat(10.0.*)"),
                argumentSet("placeholder on both sides", HTTP, "[BODY].id == [IP]"),
                argumentSet("quoted text that looks like a placeholder", HTTP,
                        "[BODY] contains \"[ERROR]\""),
                argumentSet("bracketed literal", HTTP, "[BODY].items == [1,2]"),
                argumentSet("tcp connected", TCP, "[CONNECTED] == false"),
                argumentSet("tcp response time", TCP, "[RESPONSE_TIME] < 1s"),
                argumentSet("tcp IP list", TCP, "[IP] == any(127.0.0.1, ::1)"),
                argumentSet("dns rcode", DNS, "[DNS_RCODE] == NOERROR"),
                argumentSet("dns rcode any case", DNS, "[DNS_RCODE] == nxdomain"),
                argumentSet("dns rcode not in list", DNS, "[DNS_RCODE] != any(SERVFAIL, REFUSED)"),
                argumentSet("dns answers", DNS, "[BODY] contains 127.0.0.1"),
                argumentSet("dns IP", DNS, "[IP] == 127.0.0.1"),
                argumentSet("dns response time", DNS, "[RESPONSE_TIME] < 500ms"),
                argumentSet("dns connected", DNS, "[CONNECTED] == true"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsValidConditions(CheckKind kind, String text) throws ConditionSyntaxException {
        Condition c = Condition.parse("  " + text + " ", kind);

        assertThat(c.text()).isEqualTo(text);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                argumentSet("empty", HTTP, "", "empty condition"),
                argumentSet("blank", HTTP, "   ", "empty condition"),
                argumentSet("no operator", HTTP, "[STATUS] 200", "no operator; " + OPERATORS),
                argumentSet("single equals", HTTP, "[STATUS] = 200",
                        "\"=\" is not an operator; did you mean ==?"),
                argumentSet("triple equals", HTTP, "[STATUS] === 200",
                        "unknown operator ===; " + OPERATORS),
                argumentSet("arrow", HTTP, "[STATUS] => 200", "unknown operator =>; " + OPERATORS),
                argumentSet("missing left side", HTTP, "== 200", "missing left side before =="),
                argumentSet("missing right side", HTTP, "[STATUS] ==", "missing right side after =="),
                argumentSet("missing right side of contains", HTTP, "[BODY] contains",
                        "missing right side after contains"),
                argumentSet("unknown placeholder", HTTP, "[STAUS] == 200",
                        "unknown placeholder [STAUS]; known: " + HTTP_KNOWN),
                argumentSet("unclosed placeholder", HTTP, "[STATUS == 200",
                        "unknown placeholder [STATUS; known: " + HTTP_KNOWN),
                argumentSet("unknown placeholder on the right", HTTP, "[BODY] contains [ERROR]",
                        "unknown placeholder [ERROR]; known: " + HTTP_KNOWN
                                + "; to compare with this text, quote it: \"[ERROR]\""),
                argumentSet("status for tcp", TCP, "[STATUS] == 200",
                        "[STATUS] is not available for tcp checks; "
                                + "tcp provides [CONNECTED], [RESPONSE_TIME], [IP]"),
                argumentSet("certificate for dns", DNS, "[CERTIFICATE_EXPIRATION] > 72h",
                        "[CERTIFICATE_EXPIRATION] is not available for dns checks; dns provides "
                                + "[DNS_RCODE], [BODY], [IP], [RESPONSE_TIME], [CONNECTED]"),
                argumentSet("rcode for http", HTTP, "[DNS_RCODE] == NOERROR",
                        "[DNS_RCODE] is not available for http checks; http provides " + HTTP_KNOWN),
                argumentSet("body for tcp on the right", TCP, "[IP] == [BODY].ip",
                        "[BODY] is not available for tcp checks; "
                                + "tcp provides [CONNECTED], [RESPONSE_TIME], [IP]"),
                argumentSet("pat with <", HTTP, "[STATUS] < pat(2*)",
                        "pat() works only with == or !=, not <"),
                argumentSet("any with contains", HTTP, "[BODY] contains any(a, b)",
                        "any() works only with == or !=, not contains"),
                argumentSet("pat on the left", HTTP, "pat(2*) == [STATUS]",
                        "pat() belongs on the right side, e.g. [BODY].name == pat(jo*)"),
                argumentSet("any on the left", HTTP, "any(200) == [STATUS]",
                        "any() belongs on the right side, e.g. [STATUS] == any(200, 204)"),
                argumentSet("unclosed len", HTTP, "len([BODY].items > 0",
                        "unbalanced parentheses in len([BODY].items"),
                argumentSet("extra parenthesis", HTTP, "len([BODY].items)) > 0",
                        "unbalanced parentheses in len([BODY].items))"),
                argumentSet("unclosed pat", HTTP, "[IP] == pat(10.*",
                        "unbalanced parentheses in pat(10.*"),
                argumentSet("empty any", HTTP, "[STATUS] == any()",
                        "any() needs at least one value, e.g. any(200, 204)"),
                argumentSet("empty value in any", HTTP, "[STATUS] == any(200,,204)",
                        "empty value in any(200,,204)"),
                argumentSet("double dot", HTTP, "[BODY].a..b == 1",
                        "bad JSON path [BODY].a..b: empty name after [BODY].a"),
                argumentSet("trailing dot", HTTP, "[BODY]. == 1",
                        "bad JSON path [BODY].: empty name after [BODY]"),
                argumentSet("index not a number", HTTP, "[BODY].x[abc] == 1",
                        "bad JSON path [BODY].x[abc]: [abc] is not an array index (0, 1, 2, ...)"),
                argumentSet("negative index", HTTP, "[BODY].x[-1] == 1",
                        "bad JSON path [BODY].x[-1]: [-1] is not an array index (0, 1, 2, ...)"),
                argumentSet("unclosed index", HTTP, "[BODY].x[0 == 1",
                        "bad JSON path [BODY].x[0: missing ] after [BODY].x"),
                argumentSet("no dot after body", HTTP, "[BODY]x == 1",
                        "bad JSON path [BODY]x: expected . or [ after [BODY]"),
                argumentSet("path on status", HTTP, "[STATUS].code == 200",
                        "unexpected \".code\" after [STATUS]; only [BODY] takes a JSON path"),
                argumentSet("status against text", HTTP, "[STATUS] == OK",
                        "[STATUS] must be compared with a number, not \"OK\""),
                argumentSet("status against text in any", HTTP, "[STATUS] == any(200, 30x)",
                        "[STATUS] must be compared with a number, not \"30x\""),
                argumentSet("len against text", HTTP, "len([BODY].items) >= many",
                        "len([BODY].items) must be compared with a number, not \"many\""),
                argumentSet("response time against text", HTTP, "[RESPONSE_TIME] < fast",
                        "[RESPONSE_TIME] must be compared with milliseconds or a duration "
                                + "(800, 2s), not \"fast\""),
                argumentSet("certificate against text", HTTP, "[CERTIFICATE_EXPIRATION] > soon",
                        "[CERTIFICATE_EXPIRATION] must be compared with a duration (72h, 30d), "
                                + "not \"soon\""),
                argumentSet("unknown rcode", DNS, "[DNS_RCODE] == NXDOMIAN",
                        "unknown DNS rcode \"NXDOMIAN\"; known: " + RCODES),
                argumentSet("unknown rcode in any", DNS, "[DNS_RCODE] == any(NOERROR, OK)",
                        "unknown DNS rcode \"OK\"; known: " + RCODES),
                argumentSet("connected against yes", TCP, "[CONNECTED] == yes",
                        "[CONNECTED] must be compared with true or false, not \"yes\""),
                argumentSet("has against a number", HTTP, "has([BODY].x) == 1",
                        "has([BODY].x) must be compared with true or false, not \"1\""),
                argumentSet("connected ordered", TCP, "[CONNECTED] < true",
                        "[CONNECTED] can only be compared with == or !="),
                argumentSet("rcode ordered", DNS, "[DNS_RCODE] > NOERROR",
                        "[DNS_RCODE] can only be compared with == or !="),
                argumentSet("contains on status", HTTP, "[STATUS] contains 20",
                        "contains works on text ([BODY], a JSON path or [IP]); [STATUS] is a number"),
                argumentSet("contains on response time", HTTP, "[RESPONSE_TIME] contains 5",
                        "contains works on text ([BODY], a JSON path or [IP]); "
                                + "[RESPONSE_TIME] is a number of milliseconds"),
                argumentSet("contains on len", HTTP, "len([BODY]) contains 5",
                        "contains works on text ([BODY], a JSON path or [IP]); "
                                + "len([BODY]) is a number"),
                argumentSet("contains on rcode", DNS, "[DNS_RCODE] contains NO",
                        "contains works on text ([BODY], a JSON path or [IP]); "
                                + "[DNS_RCODE] is a DNS rcode name"),
                argumentSet("has on status", HTTP, "has([STATUS]) == true",
                        "has() takes a JSON path into the body, e.g. has([BODY].data.id); "
                                + "got [STATUS]"),
                argumentSet("has on the whole body", HTTP, "has([BODY]) == true",
                        "has() takes a JSON path into the body, e.g. has([BODY].data.id); "
                                + "got [BODY]"),
                argumentSet("has on a bare name", HTTP, "has(errors) == true",
                        "has() takes a JSON path into the body, e.g. has([BODY].data.id)"),
                argumentSet("len on status", HTTP, "len([STATUS]) > 1",
                        "len() takes [BODY], a JSON path or [IP]; got [STATUS]"),
                argumentSet("literal on the left", HTTP, "200 == [STATUS]",
                        "left side \"200\" is not a placeholder; "
                                + "start with one such as [STATUS], len(...) or has(...)"),
                argumentSet("unknown function", HTTP, "length([BODY]) > 1",
                        "unknown function length(); known: len(), has(), pat(), any()"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsInvalidConditionsWithAPreciseReason(CheckKind kind, String text, String message) {
        assertThatThrownBy(() -> Condition.parse(text, kind))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void aNullTextIsAnEmptyCondition() {
        assertThatThrownBy(() -> Condition.parse(null, HTTP)).hasMessage("empty condition");
    }
}
