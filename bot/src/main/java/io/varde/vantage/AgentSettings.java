package io.varde.vantage;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code varde probe} runs with.
 *
 * @param server        the Varde server's base URL: https, or plain http to 127.0.0.1, ::1 or
 *                      localhost only (see {@link #problem(URI)})
 * @param location      the location the agent checks from ({@code [a-z0-9-]+})
 * @param token         the location's token (never logged)
 * @param buffer        results kept while the server cannot be reached, at most; beyond it the
 *                      oldest are dropped and counted
 * @param maxConcurrent checks in flight at once
 * @param maxPerHost    checks in flight at once against one host
 */
public record AgentSettings(URI server, String location, String token, int buffer, int maxConcurrent,
                            int maxPerHost) {

    /** The default buffer: 100,000 results, some 15 minutes of 3,000 targets at 30 s, a few tens of MB. */
    public static final int DEFAULT_BUFFER = 100_000;

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "::1", "localhost");

    public AgentSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(token, "token");
        problem(server).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        if (!WireReader.NAME.matcher(location).matches()) {
            throw new IllegalArgumentException("location \"" + WireReader.brief(location)
                    + "\" is not a location name ([a-z0-9-]+)");
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("the token is empty");
        }
        if (buffer < 1 || maxConcurrent < 1 || maxPerHost < 1) {
            throw new IllegalArgumentException("buffer, maxConcurrent and maxPerHost must be at least 1");
        }
    }

    /**
     * What is wrong with {@code server} as the server's URL, decided before anything connects:
     * not http(s), no host, credentials in it, or plain http to a host other than 127.0.0.1,
     * ::1 or localhost (a token and results would cross the network unencrypted).
     */
    public static Optional<String> problem(URI server) {
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || server.getHost() == null) {
            return Optional.of(server + " is not an https:// URL with a host");
        }
        if (server.getRawUserInfo() != null) {
            return Optional.of("the server URL must carry no credentials; the token comes from VARDE_PROBE_TOKEN");
        }
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            return Optional.of("the server URL must have no query or fragment: " + server.getScheme() + "://"
                    + server.getHost() + "...");
        }
        if (scheme.equals("http") && !LOOPBACK.contains(server.getHost().toLowerCase(Locale.ROOT))) {
            return Optional.of("plain http:// is refused except to 127.0.0.1, ::1 or localhost (the token and "
                    + "the results would travel unencrypted); use https://" + server.getHost()
                    + (server.getPort() < 0 ? "" : ":" + server.getPort()) + (server.getRawPath() == null ? "" : server.getRawPath()));
        }
        return Optional.empty();
    }

    /** The URL of {@code path} ({@code api/probe/results}) under the server's base URL. */
    URI resolve(String path) {
        String base = server.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + path);
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "AgentSettings[server=" + server + ", location=" + location + ", buffer=" + buffer
                + ", maxConcurrent=" + maxConcurrent + ", maxPerHost=" + maxPerHost + "]";
    }
}
