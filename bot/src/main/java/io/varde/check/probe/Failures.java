package io.varde.check.probe;

import io.varde.check.ProbeError;
import io.varde.check.ProbeError.Reason;
import java.io.EOFException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import org.xbill.DNS.WireParseException;

/**
 * Turns whatever an exchange failed with into a {@link ProbeError}: a reason from the closed set
 * and a short message a responder can read in an alert ({@code connection refused},
 * {@code certificate not trusted: ...}). The JDK wraps causes several layers deep
 * ({@code CompletionException > ConnectException > UnresolvedAddressException}), so the whole
 * cause chain is inspected, most specific reason first. Pure: no I/O.
 */
final class Failures {

    private static final int MAX_DETAIL = 200;

    private Failures() {
    }

    /**
     * Classifies {@code error}.
     *
     * @param host           the host the probe talked to, named in DNS and TLS messages
     * @param timeoutMessage the message for a time-out, e.g. {@code no response within 2s}
     */
    static ProbeError classify(Throwable error, String host, String timeoutMessage) {
        return classify(error, host, timeoutMessage, null);
    }

    /**
     * As {@link #classify(Throwable, String, String)}, for a probe that leaves from
     * {@code sourceAddress} (null for the system's choice): failing to bind it is a CONNECT
     * error that names it.
     */
    static ProbeError classify(Throwable error, String host, String timeoutMessage,
                               String sourceAddress) {
        List<Throwable> chain = chain(error);
        BindException bind = first(chain, BindException.class);
        if (sourceAddress != null && bind != null) {
            return SourceAddresses.cannotBind(sourceAddress, detail(bind));
        }
        if (has(chain, HttpTimeoutException.class, SocketTimeoutException.class,
                InterruptedByTimeoutException.class, TimeoutException.class)) {
            return new ProbeError(Reason.TIMEOUT, timeoutMessage);
        }
        if (has(chain, UnknownHostException.class, UnresolvedAddressException.class)) {
            return new ProbeError(Reason.DNS, "unknown host " + host);
        }
        if (has(chain, SSLException.class, CertificateException.class,
                CertPathValidatorException.class, CertPathBuilderException.class)) {
            return new ProbeError(Reason.TLS, tlsMessage(chain, host));
        }
        String connect = connectMessage(chain);
        if (connect != null) {
            return new ProbeError(Reason.CONNECT, connect);
        }
        if (has(chain, WireParseException.class)) {
            return new ProbeError(Reason.PROTOCOL, "malformed DNS answer: " + detail(first(chain,
                    WireParseException.class)));
        }
        ProtocolException protocol = first(chain, ProtocolException.class);
        if (protocol != null) {
            return new ProbeError(Reason.PROTOCOL, "invalid response: " + detail(protocol));
        }
        // Jetty's client (probes with a source address): a response its parser refuses, as
        // "400: No Status" under "HTTP protocol violation: bad response on <connection>".
        for (Throwable t : chain) {
            if (t instanceof HttpException parse && parse.getReason() != null) {
                return new ProbeError(Reason.PROTOCOL, "invalid response: " + parse.getReason());
            }
        }
        HttpResponseException badResponse = first(chain, HttpResponseException.class);
        if (badResponse != null) {
            String m = detail(badResponse);
            int on = m.indexOf(" on ");
            return new ProbeError(Reason.PROTOCOL, "invalid response: "
                    + (on > 0 ? m.substring(0, on) : m));
        }
        if (anyMessageContains(chain, "too many redirects")) {
            return new ProbeError(Reason.PROTOCOL, "too many redirects");
        }
        Throwable root = chain.get(chain.size() - 1);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : detail(root);
        return new ProbeError(Reason.OTHER, message);
    }

    /**
     * {@code error} when its stack trace is worth logging (an unclassified failure, which may be
     * a bug), else null, which slf4j ignores as a last argument.
     */
    static Throwable traceWorthy(ProbeError classified, Throwable error) {
        return classified.reason() == Reason.OTHER ? error : null;
    }

    private static String connectMessage(List<Throwable> chain) {
        if (has(chain, PortUnreachableException.class)) {
            return "port unreachable";
        }
        if (has(chain, NoRouteToHostException.class)) {
            return "no route to host";
        }
        if (anyMessageContains(chain, "refused")) {
            return "connection refused";
        }
        if (anyMessageContains(chain, "reset")) {
            return "connection reset";
        }
        if (anyMessageContains(chain, "unreachable")) {
            return "network unreachable";
        }
        if (has(chain, EOFException.class) || anyMessageContains(chain, "received no bytes")
                || anyMessageContains(chain, "eof reached")) {
            return "connection closed without a response";
        }
        ConnectException connect = first(chain, ConnectException.class);
        if (connect != null) {
            return connect.getMessage() == null ? "could not connect"
                    : "could not connect: " + detail(connect);
        }
        return null;
    }

    private static String tlsMessage(List<Throwable> chain, String host) {
        CertificateExpiredException expired = first(chain, CertificateExpiredException.class);
        if (expired != null) {
            return "certificate expired: " + detail(expired);
        }
        if (has(chain, CertificateNotYetValidException.class)) {
            return "certificate not yet valid";
        }
        if (anyMessageContains(chain, "no subject alternative")
                || anyMessageContains(chain, "no name matching")) {
            return "certificate does not match host " + host;
        }
        if (has(chain, CertPathBuilderException.class, CertPathValidatorException.class)
                || anyMessageContains(chain, "pkix")) {
            return "certificate not trusted: " + detail(chain.get(chain.size() - 1));
        }
        SSLException ssl = first(chain, SSLException.class);
        Throwable cause = ssl != null ? ssl : chain.get(chain.size() - 1);
        return "TLS handshake failed: " + detail(cause);
    }

    /** {@code error} and its causes, outermost first, without cycles. */
    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t) && chain.size() < 16;
             t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    @SafeVarargs
    private static boolean has(List<Throwable> chain, Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            if (first(chain, type) != null) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T first(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean anyMessageContains(List<Throwable> chain, String lowerCaseText) {
        for (Throwable t : chain) {
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains(lowerCaseText)) {
                return true;
            }
        }
        return false;
    }

    /** The message of {@code t}, without a leading class name, cut to a readable length. */
    private static String detail(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int colon = m.lastIndexOf("Exception: ");
        if (colon >= 0) {
            m = m.substring(colon + "Exception: ".length());
        }
        m = m.strip();
        return m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) + "..." : m;
    }
}
