package io.varde.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpRequestsTest {

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of(Named.of("not set", null), "connection,host"),
                Arguments.of(Named.of("blank", " "), "connection,host"),
                Arguments.of(Named.of("other header kept first", "upgrade"),
                        "upgrade,connection,host"),
                Arguments.of(Named.of("already allowed, other case", "Connection"),
                        "Connection,host"),
                Arguments.of(Named.of("both present with spaces", "host, connection"),
                        "host,connection"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void addsTheHeadersVardeNeedsAndKeepsTheRest(String existing, String expected) {
        assertThat(HttpRequests.withAllowed(existing, "connection", "host")).isEqualTo(expected);
    }
}
