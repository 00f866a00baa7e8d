package io.varde.intel;

/**
 * One thing {@link HostNames#normalise(String)} repaired in a raw host field, so that a claim can
 * say how its host was read ("read as www.cert.dk: host repeated after '/'"). Declared in the
 * order the repairs are applied.
 */
public enum Fix {
    TRIMMED("surrounding spaces"),
    URL("URL in host field"),
    REPEATED_HOST("host repeated after '/'"),
    PATH("path after host"),
    USERINFO("user info before '@'"),
    BRACKETS("brackets around IPv6"),
    PORT("port"),
    TRAILING_DOT("trailing dot"),
    UPPER_CASE("upper case"),
    IDN("international name to punycode"),
    IPV6_FORM("IPv6 written in short form");

    private final String description;

    Fix(String description) {
        this.description = description;
    }

    /** A short phrase for messages, e.g. {@code trailing dot}. */
    public String description() {
        return description;
    }
}
