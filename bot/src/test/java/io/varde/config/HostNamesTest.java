package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostNamesTest {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("plain", "www.borger.dk", false, "www.borger.dk"),
                Arguments.of("upper case", "WWW.Borger.DK", false, "www.borger.dk"),
                Arguments.of("trailing dot", "borger.dk.", false, "borger.dk"),
                Arguments.of("single label", "localhost", false, "localhost"),
                Arguments.of("IPv4", "127.0.0.1", false, "127.0.0.1"),
                Arguments.of("international", "Børger.dk", false, "xn--brger-vua.dk"),
                Arguments.of("service label allowed", "_dmarc.borger.dk", true, "_dmarc.borger.dk"),
                Arguments.of("service label refused", "_dmarc.borger.dk", false, null),
                Arguments.of("space", "borger dk", false, null),
                Arguments.of("empty label", "borger..dk", false, null),
                Arguments.of("leading hyphen", "-borger.dk", false, null),
                Arguments.of("trailing hyphen", "borger-.dk", false, null),
                Arguments.of("label of 64", "a".repeat(64) + ".dk", false, null),
                Arguments.of("numeric top label, not IPv4", "10.0.0.999", false, null),
                Arguments.of("URL", "https://borger.dk/", false, null),
                Arguments.of("empty", "", false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void normalisesValidNamesAndRefusesOthers(String name, String text, boolean underscore,
                                              String expected) {
        assertThat(HostNames.normalise(text, underscore)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> ipv6() {
        return Stream.of(
                Arguments.of("loopback", "::1", true),
                Arguments.of("full", "2001:db8:0:0:0:0:0:1", true),
                Arguments.of("compressed", "2001:db8::1", true),
                Arguments.of("all zero", "::", true),
                Arguments.of("embedded IPv4", "::ffff:192.0.2.1", true),
                Arguments.of("two gaps", "2001::db8::1", false),
                Arguments.of("nine groups", "1:2:3:4:5:6:7:8:9", false),
                Arguments.of("seven groups without gap", "1:2:3:4:5:6:7", false),
                Arguments.of("bad hex", "2001:db8::zz", false),
                Arguments.of("zone", "fe80::1%eth0", false),
                Arguments.of("host name", "borger.dk", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv6")
    void recognisesIpv6Literals(String name, String text, boolean valid) {
        assertThat(HostNames.isIpv6(text)).isEqualTo(valid);
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("host and port", "WWW.borger.dk:443", true, "www.borger.dk", 443),
                Arguments.of("IPv4 and port", "127.0.0.1:53", true, "127.0.0.1", 53),
                Arguments.of("IPv6 and port", "[2001:DB8::1]:8443", true, "2001:db8::1", 8443),
                Arguments.of("host alone", "ns1.borger.dk", false, "ns1.borger.dk", null),
                Arguments.of("bracketed IPv6 alone", "[::1]", false, "::1", null),
                Arguments.of("bare IPv6 alone", "::1", false, "::1", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void parsesAddresses(String name, String text, boolean portRequired, String host,
                         Integer port) {
        assertThat(HostNames.parseAddress(text, portRequired))
                .isEqualTo(new HostNames.HostPort(host, port));
    }

    static Stream<Arguments> badAddresses() {
        return Stream.of(
                Arguments.of("missing port", "www.borger.dk", "the port is missing"),
                Arguments.of("port 0", "www.borger.dk:0", "port must be between 1 and 65535"),
                Arguments.of("port 65536", "www.borger.dk:65536", "port must be between 1 and 65535"),
                Arguments.of("port not a number", "www.borger.dk:https", "port must be between"),
                Arguments.of("missing host", ":443", "the host is missing"),
                Arguments.of("unbracketed IPv6", "2001:db8::1:443", "put an IPv6 address in brackets"),
                Arguments.of("unclosed bracket", "[::1:443", "unclosed '['"),
                Arguments.of("junk after bracket", "[::1]443", "expected host:port"),
                Arguments.of("bad host", "bad_host:443", "invalid host name \"bad_host\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAddresses")
    void refusesBadAddresses(String name, String text, String why) {
        assertThatThrownBy(() -> HostNames.parseAddress(text, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }
}
