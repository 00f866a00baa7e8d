package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebSettingsTest {

    static Stream<Arguments> environments() {
        return Stream.of(
                Arguments.of(Named.of("nothing set: local only, 8080", Map.of()), "127.0.0.1", 8080),
                Arguments.of(Named.of("blank values: the defaults", Map.of("VARDE_HTTP_BIND", " ", "VARDE_HTTP_PORT", "")),
                        "127.0.0.1", 8080),
                Arguments.of(Named.of("all interfaces, another port",
                        Map.of("VARDE_HTTP_BIND", "0.0.0.0", "VARDE_HTTP_PORT", "9090")), "0.0.0.0", 9090),
                Arguments.of(Named.of("spaces around the values",
                        Map.of("VARDE_HTTP_BIND", " ::1 ", "VARDE_HTTP_PORT", " 8443 ")), "::1", 8443),
                Arguments.of(Named.of("port 0: any free port", Map.of("VARDE_HTTP_PORT", "0")), "127.0.0.1", 0),
                Arguments.of(Named.of("highest port", Map.of("VARDE_HTTP_PORT", "65535")), "127.0.0.1", 65535));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void readsTheEnvironment(Map<String, String> env, String bind, int port) {
        WebSettings s = WebSettings.fromEnv(env);
        assertThat(s.bind()).isEqualTo(bind);
        assertThat(s.port()).isEqualTo(port);
    }

    static Stream<Arguments> badEnvironments() {
        return Stream.of(
                Arguments.of(Named.of("port not a number", Map.of("VARDE_HTTP_PORT", "http")),
                        "VARDE_HTTP_PORT: \"http\" is not a port number (0-65535)"),
                Arguments.of(Named.of("negative port", Map.of("VARDE_HTTP_PORT", "-1")),
                        "VARDE_HTTP_PORT: \"-1\" is not a port number (0-65535)"),
                Arguments.of(Named.of("port with a unit", Map.of("VARDE_HTTP_PORT", "8080/tcp")),
                        "VARDE_HTTP_PORT: \"8080/tcp\" is not a port number (0-65535)"),
                Arguments.of(Named.of("port above 65535", Map.of("VARDE_HTTP_PORT", "65536")),
                        "VARDE_HTTP_PORT: 65536 is out of range (0-65535)"),
                Arguments.of(Named.of("port far too large", Map.of("VARDE_HTTP_PORT", "99999999999")),
                        "VARDE_HTTP_PORT: 99999999999 is out of range (0-65535)"),
                Arguments.of(Named.of("address with a space", Map.of("VARDE_HTTP_BIND", "127.0.0.1 8080")),
                        "VARDE_HTTP_BIND: \"127.0.0.1 8080\" is not an address to bind"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnvironments")
    void refusesBadValuesNamingTheVariable(Map<String, String> env, String message) {
        assertThatThrownBy(() -> WebSettings.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void theAddressIsTheLoopbackByDefault() {
        assertThat(WebSettings.fromEnv(Map.of()).address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(WebSettings.fromEnv(Map.of()).address().getPort()).isEqualTo(8080);
    }
}
