package io.varde.check.probe;

/**
 * A DNS server as configured: {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6
 * literal; the port defaults to 53. Pure parsing, no look-up.
 */
record DnsServer(String host, int port) {

    static final int DEFAULT_PORT = 53;

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException when the text is empty or the port is not 1 to 65535
     */
    static DnsServer parse(String text) {
        String t = text == null ? "" : text.strip();
        String host = t;
        String port = null;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("invalid DNS server \"" + t + "\": missing ]");
            }
            host = t.substring(1, end);
            String rest = t.substring(end + 1);
            if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("invalid DNS server \"" + t + "\"");
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("invalid DNS server \"" + t + "\": no host");
        }
        return new DnsServer(host, port == null ? DEFAULT_PORT : port(t, port));
    }

    private static int port(String text, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole text
        }
        throw new IllegalArgumentException("invalid DNS server \"" + text + "\": port must be 1"
                + " to 65535");
    }
}
