package io.varde.intel;

import io.varde.check.Target;
import io.varde.intel.Match.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which monitored targets a claimed or tasked host hits, and why. Built once from the targets
 * (the host of each probe: the HTTP URL's host, the TCP address, the DNS name; and each target's
 * {@link Target#aliases() aliases}) and, optionally, the IPs each target was seen to resolve to.
 * Immutable; a lookup is four map reads, whatever the number of targets.
 *
 * <p>Reasons, strongest first: the same host ignoring {@code www.}, an alias, the same
 * registrable domain as the host or an alias (a claim on {@code skat.dk} hits
 * {@code www.skat.dk}; {@code kk.dk} does not hit {@code aarhus.dk}), a resolved IP. A target
 * appears once, with its strongest reason. Hosts or aliases that cannot be read are logged and
 * left out (config validates them, so this is a guard, not a path).
 */
public final class TargetIndex {

    private static final Logger log = LoggerFactory.getLogger(TargetIndex.class);

    /** One target under one key, with the target's host, alias, domain or IP behind it. */
    private record Entry(Target target, String via) {
    }

    private final Map<String, List<Entry>> byHost;
    private final Map<String, List<Entry>> byAlias;
    private final Map<String, List<Entry>> byDomain;
    private final Map<String, List<Entry>> byIp;

    private TargetIndex(Map<String, List<Entry>> byHost, Map<String, List<Entry>> byAlias,
                        Map<String, List<Entry>> byDomain, Map<String, List<Entry>> byIp) {
        this.byHost = byHost;
        this.byAlias = byAlias;
        this.byDomain = byDomain;
        this.byIp = byIp;
    }

    /** An index of {@code targets} without resolved IPs. */
    public static TargetIndex of(List<Target> targets) {
        return of(targets, Map.of());
    }

    /**
     * An index of {@code targets}.
     *
     * @param resolvedIps by target id, the IP addresses the target was seen to resolve to (from
     *                    the probes' observations); ids of unknown targets are ignored
     */
    public static TargetIndex of(List<Target> targets, Map<String, Set<String>> resolvedIps) {
        Builder hosts = new Builder();
        Builder aliases = new Builder();
        Builder domains = new Builder();
        Builder ips = new Builder();
        for (Target target : targets) {
            read(target, target.host(), "host").ifPresent(h -> {
                hosts.add(h.key(), target, h.host());
                h.registrableDomain().ifPresent(d -> domains.add(d, target, d));
            });
            for (String alias : target.aliases()) {
                read(target, alias, "alias").ifPresent(h -> {
                    aliases.add(h.key(), target, h.host());
                    h.registrableDomain().ifPresent(d -> domains.add(d, target, d));
                });
            }
            for (String ip : resolvedIps.getOrDefault(target.id(), Set.of())) {
                read(target, ip, "ip").filter(HostName::ip)
                        .ifPresent(h -> ips.add(h.host(), target, h.host()));
            }
        }
        return new TargetIndex(hosts.build(), aliases.build(), domains.build(), ips.build());
    }

    /**
     * The targets {@code host} hits, strongest reason first, then by target id; each target once.
     * Empty when it hits none.
     */
    public List<Match> matches(HostName host) {
        Map<String, Match> found = new LinkedHashMap<>();
        for (Entry e : byHost.getOrDefault(host.key(), List.of())) {
            String detail = host.host().equals(e.via()) ? "same host " + e.via()
                    : "same host " + e.via() + ", ignoring www.";
            found.putIfAbsent(e.target().id(), new Match(e.target(), Reason.HOST, detail));
        }
        for (Entry e : byAlias.getOrDefault(host.key(), List.of())) {
            found.putIfAbsent(e.target().id(), new Match(e.target(), Reason.ALIAS,
                    "alias " + e.via()));
        }
        host.registrableDomain().ifPresent(domain -> {
            for (Entry e : byDomain.getOrDefault(domain, List.of())) {
                found.putIfAbsent(e.target().id(), new Match(e.target(),
                        Reason.REGISTRABLE_DOMAIN, "same registrable domain " + domain));
            }
        });
        if (host.ip()) {
            for (Entry e : byIp.getOrDefault(host.host(), List.of())) {
                found.putIfAbsent(e.target().id(), new Match(e.target(), Reason.IP,
                        "resolves to " + e.via()));
            }
        }
        return List.copyOf(found.values());
    }

    private static Optional<HostName> read(Target target, String raw, String field) {
        HostReading reading = HostNames.normalise(raw);
        if (reading instanceof HostReading.Read read) {
            return Optional.of(read.host());
        }
        log.warn("intel index skips unreadable {} target={} value={} reason={}", field,
                target.id(), raw, ((HostReading.Refused) reading).reason());
        return Optional.empty();
    }

    /** Collects entries per key, each target once per key, sorted by target id when built. */
    private static final class Builder {
        private final Map<String, Map<String, Entry>> entries = new HashMap<>();

        void add(String key, Target target, String via) {
            entries.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .putIfAbsent(target.id(), new Entry(target, via));
        }

        Map<String, List<Entry>> build() {
            Map<String, List<Entry>> out = new HashMap<>();
            entries.forEach((key, byId) -> {
                List<Entry> list = new ArrayList<>(byId.values());
                list.sort((a, b) -> a.target().id().compareTo(b.target().id()));
                out.put(key, List.copyOf(list));
            });
            return Map.copyOf(out);
        }
    }
}
