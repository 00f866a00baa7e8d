package io.varde.intel;

import java.util.Objects;
import java.util.Optional;

/**
 * A host name or IP literal as read by {@link HostNames#normalise(String)}: lower case, ASCII
 * (international names in {@code xn--} punycode), no trailing dot, IPv6 in its short RFC 5952
 * form without brackets.
 *
 * @param host              the full normalised host, {@code www.} kept: {@code www.skat.dk}
 * @param key               what exact matching compares: {@code host} without a leading
 *                          {@code www.} ({@code skat.dk}); the host itself for an IP literal
 * @param registrableDomain the domain directly under a public suffix ({@code skat.dk} for
 *                          {@code selvbetjening.skat.dk}, {@code alnwick-tc.gov.uk} for itself);
 *                          empty for IP literals, public suffixes ({@code co.uk}) and names under
 *                          no known suffix
 * @param ip                true for an IPv4 or IPv6 literal
 */
public record HostName(String host, String key, Optional<String> registrableDomain, boolean ip) {

    public HostName {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(registrableDomain, "registrableDomain");
        if (host.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (ip && (registrableDomain.isPresent() || !key.equals(host))) {
            throw new IllegalArgumentException("an IP literal has no domain and no www. prefix");
        }
    }

    @Override
    public String toString() {
        return host;
    }
}
