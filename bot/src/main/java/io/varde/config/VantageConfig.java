package io.varde.config;

import io.varde.check.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The locations of {@code rules/vantage.yaml}: the nodes' own (first) and the probe agents',
 * with each agent's tokens (one, or two while rotating). Without the file: {@code home} alone.
 *
 * @param locations the home location first, then the agents' in file order; names unique
 * @param tokens    per agent location, the tokens it may present (never logged)
 */
public record VantageConfig(List<Location> locations, Map<String, List<String>> tokens) {

    public VantageConfig {
        locations = List.copyOf(locations);
        tokens = Map.copyOf(tokens);
    }

    /** No {@code vantage.yaml}: the nodes check everything from {@code home}. */
    public static VantageConfig homeOnly() {
        return new VantageConfig(List.of(Location.home()), Map.of());
    }

    /** The nodes' own location. */
    public Location home() {
        return locations.get(0);
    }

    /** The location named {@code name}. */
    public Optional<Location> location(String name) {
        return locations.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The agents' locations. */
    public List<Location> agents() {
        return locations.stream().filter(Location::agent).toList();
    }
}
