package io.varde.intel;

import com.google.common.net.InternetDomainName;
import io.varde.core.IpLiterals;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the host field of a claim or a task-list entry. Lenient about what real lists contain
 * (a URL, a path, {@code host/host}, a port, user info, a trailing dot, upper case, an
 * international name) and strict about what is left: DNS labels of letters, digits, {@code -}
 * and {@code _}, at most 63 characters each and 253 in all, or an IP literal. Pure: nothing is
 * resolved; the registrable domain comes from the public suffix list bundled with Guava.
 */
public final class HostNames {

    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern LABEL_CHARS = Pattern.compile("[a-z0-9_-]+");

    private HostNames() {
    }

    /** Reads {@code raw}; never throws. See {@link HostReading}. */
    public static HostReading normalise(String raw) {
        String given = raw == null ? "" : raw;
        String s = given.strip();
        if (s.isEmpty()) {
            return new HostReading.Refused(given, "empty");
        }
        if (s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return new HostReading.Refused(given, "spaces inside");
        }
        List<Fix> fixes = new ArrayList<>();
        if (!s.equals(given)) {
            fixes.add(Fix.TRIMMED);
        }
        int scheme = s.indexOf("://");
        if (scheme > 0 && SCHEME.matcher(s.substring(0, scheme)).matches()) {
            s = s.substring(scheme + 3);
            fixes.add(Fix.URL);
        } else if (s.startsWith("//")) {
            s = s.substring(2);
            fixes.add(Fix.URL);
        }
        int end = firstOf(s, "/?#\\");
        if (end >= 0) {
            String rest = s.substring(end);
            s = s.substring(0, end);
            if (!fixes.contains(Fix.URL)) {
                String again = rest.replaceAll("^[/\\\\]+|[/\\\\]+$", "");
                fixes.add(!s.isEmpty() && again.equalsIgnoreCase(s) ? Fix.REPEATED_HOST : Fix.PATH);
            }
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
            fixes.add(Fix.USERINFO);
        }
        if (s.isEmpty()) {
            return new HostReading.Refused(given, "no host");
        }
        if (s.startsWith("[") || s.indexOf(':') != s.lastIndexOf(':')) {
            return ipv6(given, s, fixes);
        }
        int colon = s.indexOf(':');
        if (colon >= 0) {
            String port = s.substring(colon + 1);
            if (!validPort(port)) {
                return new HostReading.Refused(given, "invalid port \"" + port + "\"");
            }
            s = s.substring(0, colon);
            fixes.add(Fix.PORT);
        }
        return name(given, s, fixes);
    }

    private static HostReading ipv6(String given, String text, List<Fix> fixes) {
        String s = text;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return new HostReading.Refused(given, "unclosed '['");
            }
            String rest = s.substring(close + 1);
            s = s.substring(1, close);
            fixes.add(Fix.BRACKETS);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":") || !validPort(rest.substring(1))) {
                    return new HostReading.Refused(given, "invalid port after ']'");
                }
                fixes.add(Fix.PORT);
            }
        }
        Optional<String> address = IpLiterals.ipv6(s);
        if (address.isEmpty()) {
            return new HostReading.Refused(given, "invalid IPv6 address");
        }
        String ip = address.get();
        if (!ip.equals(s.toLowerCase(Locale.ROOT))) {
            fixes.add(Fix.IPV6_FORM);
        } else if (!ip.equals(s)) {
            fixes.add(Fix.UPPER_CASE);
        }
        return new HostReading.Read(given, new HostName(ip, ip, Optional.empty(), true), fixes);
    }

    private static HostReading name(String given, String text, List<Fix> fixes) {
        String s = text;
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
            fixes.add(Fix.TRAILING_DOT);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.equals(s)) {
            fixes.add(Fix.UPPER_CASE);
        }
        s = lower;
        if (!s.chars().allMatch(c -> c < 128)) {
            try {
                s = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return new HostReading.Refused(given, "invalid international name");
            }
            fixes.add(Fix.IDN);
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
                if (!fixes.contains(Fix.TRAILING_DOT)) {
                    fixes.add(Fix.TRAILING_DOT);
                }
            }
        }
        if (s.isEmpty()) {
            return new HostReading.Refused(given, "empty");
        }
        if (IpLiterals.isIpv4(s)) {
            return new HostReading.Read(given, new HostName(s, s, Optional.empty(), true), fixes);
        }
        Optional<String> refusal = refusal(s);
        if (refusal.isPresent()) {
            return new HostReading.Refused(given, refusal.get());
        }
        String key = s.startsWith("www.") && s.length() > 4 ? s.substring(4) : s;
        HostName host = new HostName(s, key, registrableDomain(s), false);
        return new HostReading.Read(given, host, fixes);
    }

    /** Why {@code s} (lower case ASCII) is no host name, or empty when it is one. */
    private static Optional<String> refusal(String s) {
        if (s.length() > MAX_LENGTH) {
            return Optional.of("too long (" + s.length() + " characters, at most " + MAX_LENGTH + ")");
        }
        String[] labels = s.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return Optional.of("empty label");
            }
            if (!LABEL_CHARS.matcher(label).matches()) {
                int bad = label.chars().filter(c -> !isLabelChar(c)).findFirst().orElse('?');
                return Optional.of("invalid character " + show(bad));
            }
            if (label.length() > MAX_LABEL) {
                return Optional.of("label too long (" + label.length() + " characters, at most "
                        + MAX_LABEL + ")");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("label starts or ends with '-'");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.of("invalid IPv4 address");
        }
        return Optional.empty();
    }

    /**
     * The domain directly under a public suffix, for names under one; empty otherwise. Guava
     * refuses {@code _} in labels, so service labels such as {@code _dmarc} are dropped first.
     */
    private static Optional<String> registrableDomain(String name) {
        String host = name;
        if (name.indexOf('_') >= 0) {
            int dot = name.indexOf('.', name.lastIndexOf('_'));
            host = dot < 0 ? "" : name.substring(dot + 1);
        }
        if (!InternetDomainName.isValid(host)) {
            return Optional.empty();
        }
        InternetDomainName domain = InternetDomainName.from(host);
        return domain.isUnderPublicSuffix()
                ? Optional.of(domain.topPrivateDomain().toString())
                : Optional.empty();
    }

    private static boolean isLabelChar(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static String show(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    private static boolean validPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        return port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65535
                && Integer.parseInt(port) >= 1;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
