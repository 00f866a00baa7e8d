package io.varde.check;

import java.util.List;

/**
 * Where a target is checked from and how many places must agree before it is DOWN.
 *
 * @param locations     the locations that check it (names from {@code rules/vantage.yaml});
 *                      empty means every location
 * @param quorum        how many locations must fail it for DOWN; 0 means a majority of the
 *                      locations that check it
 * @param country       the ISO 3166-1 alpha-2 code of the country the site serves (lower case),
 *                      or null: failures only from outside it are "geo-blocked"
 * @param sourceAddress the local IP address probes of this target leave from (as
 *                      blackbox_exporter's {@code source_ip_address}), or null for the
 *                      location's own (or the system's choice)
 */
public record Vantage(List<String> locations, int quorum, String country, String sourceAddress) {

    /** Every location, a majority, no country, the location's own address. */
    public static final Vantage DEFAULT = new Vantage(List.of(), 0, null, null);

    public Vantage {
        locations = List.copyOf(locations);
        if (quorum < 0) {
            throw new IllegalArgumentException("quorum must not be negative: " + quorum);
        }
    }

    /** True when the target is checked from {@code location}. */
    public boolean includes(String location) {
        return locations.isEmpty() || locations.contains(location);
    }

    /** The quorum for {@code checking} locations: the configured one, capped, or a majority. */
    public int quorumOf(int checking) {
        if (checking <= 0) {
            return 1;
        }
        return quorum == 0 ? checking / 2 + 1 : Math.min(quorum, checking);
    }
}
