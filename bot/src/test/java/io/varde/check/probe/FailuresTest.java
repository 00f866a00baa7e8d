package io.varde.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.ProbeError;
import io.varde.check.ProbeError.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.WireParseException;

class FailuresTest {

    private static Arguments classifies(String name, Throwable error, Reason reason,
                                        String message) {
        return Arguments.of(Named.of(name, error), reason, message);
    }

    private static <T extends Throwable> T causedBy(T error, Throwable cause) {
        error.initCause(cause);
        return error;
    }

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        return causedBy(new SSLHandshakeException(message), cause);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                classifies("JDK connect refused, wrapped",
                        new CompletionException(new ConnectException("Connection refused")),
                        Reason.CONNECT, "connection refused"),
                classifies("JDK unknown host (unresolved address inside a connect failure)",
                        new CompletionException(causedBy(new ConnectException(),
                                new UnresolvedAddressException())),
                        Reason.DNS, "unknown host www.example.test"),
                classifies("look-up failure",
                        new UnknownHostException("www.example.test"),
                        Reason.DNS, "unknown host www.example.test"),
                classifies("HTTP connect time-out", new HttpConnectTimeoutException("timed out"),
                        Reason.TIMEOUT, "no response within 2s"),
                classifies("DNS query time-out", new SocketTimeoutException("Query timed out"),
                        Reason.TIMEOUT, "no response within 2s"),
                classifies("untrusted certificate",
                        handshake("PKIX path building failed", causedBy(
                                new CertificateException("validation failed"),
                                new CertPathBuilderException("unable to find valid"
                                        + " certification path to requested target"))),
                        Reason.TLS, "certificate not trusted: unable to find valid certification"
                                + " path to requested target"),
                classifies("expired certificate",
                        handshake("PKIX path validation failed", new CertificateExpiredException(
                                "NotAfter: Mon Jan 01 00:00:00 UTC 2024")),
                        Reason.TLS, "certificate expired: NotAfter: Mon Jan 01 00:00:00 UTC 2024"),
                classifies("certificate for another host",
                        handshake("No subject alternative DNS name matching www.example.test"
                                + " found.", null),
                        Reason.TLS, "certificate does not match host www.example.test"),
                classifies("other handshake failure",
                        handshake("Received fatal alert: handshake_failure", null),
                        Reason.TLS, "TLS handshake failed: Received fatal alert:"
                                + " handshake_failure"),
                classifies("connection reset", new SocketException("Connection reset"),
                        Reason.CONNECT, "connection reset"),
                classifies("no route", new NoRouteToHostException("No route to host"),
                        Reason.CONNECT, "no route to host"),
                classifies("network unreachable", new SocketException("Network is unreachable"),
                        Reason.CONNECT, "network unreachable"),
                classifies("ICMP port unreachable", new PortUnreachableException(),
                        Reason.CONNECT, "port unreachable"),
                classifies("closed before any response", new EOFException("EOF reached while"
                        + " reading"), Reason.CONNECT, "connection closed without a response"),
                classifies("malformed HTTP", new ProtocolException("Invalid status line: \"x\""),
                        Reason.PROTOCOL, "invalid response: Invalid status line: \"x\""),
                classifies("malformed DNS", new WireParseException("end of input"),
                        Reason.PROTOCOL, "malformed DNS answer: end of input"),
                classifies("redirect loop", new IOException("too many redirects"),
                        Reason.PROTOCOL, "too many redirects"),
                classifies("Jetty's parser refusing a response",
                        new org.eclipse.jetty.client.HttpResponseException("HTTP protocol violation: bad"
                                + " response on HttpConnectionOverHTTP@1a2b", null,
                                new org.eclipse.jetty.http.BadMessageException(400, "No Status")),
                        Reason.PROTOCOL, "invalid response: No Status"),
                classifies("Jetty's protocol violation alone",
                        new org.eclipse.jetty.client.HttpResponseException("HTTP protocol violation: bad"
                                + " response on HttpConnectionOverHTTP@1a2b", null),
                        Reason.PROTOCOL, "invalid response: HTTP protocol violation: bad response"),
                classifies("anything else", new CompletionException(
                        new IllegalStateException("boom")), Reason.OTHER, "boom"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesFailuresOfProbesWithASourceAddressAlike(Throwable error, Reason reason, String message) {
        ProbeError classified = Failures.classify(error, "www.example.test",
                "no response within 2s", "127.0.0.2");

        assertThat(classified).isEqualTo(new ProbeError(reason, message));
    }

    @org.junit.jupiter.api.Test
    void aSourceAddressThatCannotBeBoundIsNamed() {
        Throwable error = new CompletionException(new java.net.BindException("Cannot assign requested address"));

        assertThat(Failures.classify(error, "www.example.test", "no response within 2s", "192.0.2.1"))
                .isEqualTo(new ProbeError(Reason.CONNECT,
                        "cannot bind source address 192.0.2.1: Cannot assign requested address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesFailures(Throwable error, Reason reason, String message) {
        ProbeError classified = Failures.classify(error, "www.example.test",
                "no response within 2s");

        assertThat(classified.reason()).isEqualTo(reason);
        assertThat(classified.message()).isEqualTo(message);
    }
}
