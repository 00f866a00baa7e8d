package io.varde.intel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The polled intel sources from {@code rules/intel.yaml}, task lists first, each in file order.
 *
 * @param sources names unique; empty when the file is absent
 */
public record IntelSources(List<IntelSource> sources) {

    /** No sources: what a rules directory without {@code intel.yaml} gives. */
    public static final IntelSources NONE = new IntelSources(List.of());

    public IntelSources {
        sources = List.copyOf(sources);
        Set<String> names = new HashSet<>();
        for (IntelSource s : sources) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("source name used twice: " + s.name());
            }
        }
    }

    /** The sources of one kind, in order. */
    public List<IntelSource> of(IntelSource.Kind kind) {
        return sources.stream().filter(s -> s.kind() == kind).toList();
    }

    /** The names of the sources, task lists first, each in file order. */
    public List<String> names() {
        return sources.stream().map(IntelSource::name).toList();
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }
}
