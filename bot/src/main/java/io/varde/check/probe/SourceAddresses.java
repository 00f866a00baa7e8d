package io.varde.check.probe;

import io.varde.check.ProbeError;
import io.varde.check.Target;
import io.varde.core.IpLiterals;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;

/**
 * The local address a target's probes leave from ({@code source-address}, as blackbox_exporter's
 * {@code source_ip_address}): one host can then probe from several addresses, and tests be
 * several places on loopback (127.0.0.2, 127.0.0.3). It must be an IP literal of this machine;
 * anything else is a probe error ({@code connect: cannot bind source address X: ...}), never an
 * exception, and never a DNS look-up.
 */
final class SourceAddresses {

    private SourceAddresses() {
    }

    /**
     * The address {@code text} names.
     *
     * @throws IllegalArgumentException when it is not an IPv4 or IPv6 literal
     */
    static InetAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (!IpLiterals.isIp(zone < 0 ? t : t.substring(0, zone))) {
            throw new IllegalArgumentException("not an IP address");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address");
        }
    }

    /**
     * The source address of {@code target}'s probes: none (null address, no error), the address,
     * or the probe error to finish with when it is not an IP literal.
     */
    static Source of(Target target) {
        String text = target.vantage().sourceAddress();
        if (text == null) {
            return new Source(null, null);
        }
        try {
            return new Source(parse(text), null);
        } catch (IllegalArgumentException e) {
            return new Source(null, cannotBind(text, e.getMessage()));
        }
    }

    /** A target's source address, or the error that makes it unusable. */
    record Source(InetAddress address, ProbeError error) {
    }

    /** The probe error for a source address that cannot be used, and why. */
    static ProbeError cannotBind(String source, String why) {
        return new ProbeError(ProbeError.Reason.CONNECT, "cannot bind source address " + source
                + ": " + why);
    }

    /**
     * Checks that a socket can be bound to {@code address} (it is one of this machine's), by
     * binding a UDP socket to it on an ephemeral port and closing it at once.
     *
     * @throws BindException when it cannot
     */
    static void checkBindable(InetAddress address) throws BindException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(address, 0));
        } catch (BindException e) {
            throw e;
        } catch (IOException e) {
            BindException bind = new BindException(e.getMessage());
            bind.initCause(e);
            throw bind;
        }
    }
}
