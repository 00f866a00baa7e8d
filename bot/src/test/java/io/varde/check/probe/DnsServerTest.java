package io.varde.check.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsServerTest {

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of(Named.of("IPv4, default port", "10.0.0.53"), "10.0.0.53", 53),
                Arguments.of(Named.of("IPv4 with port", "10.0.0.53:5353"), "10.0.0.53", 5353),
                Arguments.of(Named.of("name with port", "ns1.example.test:53"),
                        "ns1.example.test", 53),
                Arguments.of(Named.of("bare IPv6", "2001:db8::53"), "2001:db8::53", 53),
                Arguments.of(Named.of("bracketed IPv6 with port", "[2001:db8::53]:5353"),
                        "2001:db8::53", 5353),
                Arguments.of(Named.of("surrounding spaces", " 10.0.0.53 "), "10.0.0.53", 53));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void parsesHostAndPort(String text, String host, int port) {
        assertThat(DnsServer.parse(text)).isEqualTo(new DnsServer(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":53", "10.0.0.53:0", "10.0.0.53:dns", "[2001:db8::53",
        "10.0.0.53:70000"})
    void rejectsWhatIsNotAServer(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> DnsServer.parse(text))
                .withMessageContaining("invalid DNS server");
    }
}
