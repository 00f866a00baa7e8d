package io.varde.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of IP literals, written out here rather than with {@code InetAddress}, which may resolve
 * names and belongs to the network edge. IPv6 comes back in the RFC 5952 short form
 * ({@code 2001:db8::1}), so that the same address written two ways compares equal. Used by
 * threat intel (hosts in claims) and config (hosts and source addresses in the rules).
 */
public final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{1,4}");

    private IpLiterals() {
    }

    /** True for an IPv4 address or an IPv6 literal (no brackets, no zone). */
    public static boolean isIp(String s) {
        return isIpv4(s) || ipv6(s).isPresent();
    }

    /** True for a dotted-quad IPv4 address without leading zeros, such as {@code 192.0.2.1}. */
    public static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    /**
     * {@code text} (no brackets, no zone) as a short-form IPv6 address, or empty when it is not
     * one. An IPv4-mapped address keeps its dotted tail: {@code ::ffff:192.0.2.1}.
     */
    public static Optional<String> ipv6(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        int gap = s.indexOf("::");
        List<Integer> head;
        List<Integer> tail;
        if (gap < 0) {
            head = groups(s);
            tail = List.of();
            if (head == null || head.size() != 8) {
                return Optional.empty();
            }
        } else {
            if (s.indexOf("::", gap + 1) >= 0) {
                return Optional.empty();
            }
            head = gap == 0 ? List.of() : groups(s.substring(0, gap));
            tail = gap + 2 == s.length() ? List.of() : groups(s.substring(gap + 2));
            if (head == null || tail == null || head.size() + tail.size() > 7
                    || head.size() > 0 && s.substring(0, gap).contains(".")) {
                return Optional.empty();
            }
        }
        int[] words = new int[8];
        for (int i = 0; i < head.size(); i++) {
            words[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            words[8 - tail.size() + i] = tail.get(i);
        }
        return Optional.of(format(words));
    }

    /** Colon-separated hex groups, a dotted IPv4 tail counting as two; null when malformed. */
    private static List<Integer> groups(String s) {
        String[] parts = s.split(":", -1);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.contains(".")) {
                if (!isIpv4(p)) {
                    return null;
                }
                String[] q = p.split("\\.");
                out.add(Integer.parseInt(q[0]) << 8 | Integer.parseInt(q[1]));
                out.add(Integer.parseInt(q[2]) << 8 | Integer.parseInt(q[3]));
            } else if (HEX_GROUP.matcher(p).matches()) {
                out.add(Integer.parseInt(p, 16));
            } else {
                return null;
            }
        }
        return out;
    }

    /** RFC 5952: lower-case hex, no leading zeros, the first longest run of 2+ zeros as "::". */
    private static String format(int[] w) {
        boolean mapped = w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0
                && w[5] == 0xffff;
        if (mapped) {
            return "::ffff:" + (w[6] >> 8) + "." + (w[6] & 0xff) + "." + (w[7] >> 8) + "."
                    + (w[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(w[i]));
        }
        return out.toString();
    }
}
