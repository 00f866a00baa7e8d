package io.varde.config;

import io.varde.core.IpLiterals;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax checks for host names, IP literals and {@code host:port} addresses. Pure: nothing here
 * resolves a name (InetAddress would, and config loading must not touch the network).
 */
final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SERVICE_LABEL =
            Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final String EXAMPLE = "e.g. www.borger.dk:443 or [2001:db8::1]:443";

    /** A host (lower case; IPv6 without brackets) and a port, or a null port when none given. */
    record HostPort(String host, Integer port) {
    }

    private HostNames() {
    }

    /**
     * {@code name} in the form it is stored and compared: lower case, ASCII (international names
     * become {@code xn--} punycode, as threat-intel host matching does), no trailing dot. Empty
     * when it is not a valid host name.
     *
     * @param allowUnderscore whether labels may contain {@code _}, as DNS query names such as
     *                        {@code _dmarc.borger.dk} or {@code _sip._tcp.borger.dk} do
     */
    static Optional<String> normalise(String name, boolean allowUnderscore) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (!n.chars().allMatch(c -> c < 128)) {
            try {
                n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        n = n.toLowerCase(Locale.ROOT);
        if (n.length() > 253) {
            return Optional.empty();
        }
        Pattern label = allowUnderscore ? SERVICE_LABEL : LABEL;
        String[] labels = n.split("\\.", -1);
        for (String l : labels) {
            if (!label.matcher(l).matches()) {
                return Optional.empty();
            }
        }
        boolean numericTop = labels[labels.length - 1].chars().allMatch(Character::isDigit);
        if (numericTop && !isIpv4(n)) {
            return Optional.empty();
        }
        return Optional.of(n);
    }

    static boolean isIpv4(String s) {
        return IpLiterals.isIpv4(s);
    }

    /** True for an IPv6 literal without brackets or zone, such as {@code 2001:db8::1}. */
    static boolean isIpv6(String s) {
        return IpLiterals.ipv6(s).isPresent();
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port} or, when the port is optional, also
     * {@code host}, {@code [v6]} and a bare IPv6 literal.
     *
     * @throws IllegalArgumentException saying what is wrong, for the config error
     */
    static HostPort parseAddress(String text, boolean portRequired) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[': write an IPv6 address in "
                        + "brackets, e.g. [2001:db8::1]:443");
            }
            host = text.substring(1, close);
            if (!isIpv6(host)) {
                throw new IllegalArgumentException("invalid IPv6 address \"" + host + "\"");
            }
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected host:port, " + EXAMPLE);
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else if (!portRequired && isIpv6(text)) {
            host = text;
            port = null;
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("the host is missing: expected host:port, "
                        + EXAMPLE);
            }
            if (host.contains(":")) {
                throw new IllegalArgumentException(
                        "put an IPv6 address in brackets, e.g. [2001:db8::1]:443");
            }
            String name = host;
            host = normalise(host, false).orElseThrow(
                    () -> new IllegalArgumentException("invalid host name \"" + name + "\""));
        }
        if (port == null && portRequired) {
            throw new IllegalArgumentException("the port is missing: expected host:port, " + EXAMPLE);
        }
        return new HostPort(host.toLowerCase(Locale.ROOT), port == null ? null : port(port));
    }

    private static int port(String text) {
        if (text.matches("\\d{1,5}")) {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        }
        throw new IllegalArgumentException("port must be between 1 and 65535, got \"" + text + "\"");
    }
}
