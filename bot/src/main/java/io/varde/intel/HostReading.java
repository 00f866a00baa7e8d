package io.varde.intel;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of reading one raw host field: the host it names, with what had to be fixed, or a
 * refusal with a short reason. Never an exception: task lists and claims are dirty by nature.
 */
public sealed interface HostReading permits HostReading.Read, HostReading.Refused {

    /** The field as given ({@code ""} for null). */
    String raw();

    /**
     * A host read from {@code raw}.
     *
     * @param fixes what was repaired, in the order applied; empty when {@code raw} was clean
     */
    record Read(String raw, HostName host, List<Fix> fixes) implements HostReading {

        public Read {
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(host, "host");
            fixes = List.copyOf(fixes);
        }

        /** How the host was read, for a claim's text: {@code "trailing dot, upper case"}. */
        public String howRead() {
            return fixes.isEmpty() ? "as given"
                    : fixes.stream().map(Fix::description).collect(Collectors.joining(", "));
        }
    }

    /**
     * A field that names no host.
     *
     * @param reason short and specific: {@code "empty"}, {@code "spaces inside"},
     *               {@code "invalid character '!'"}, {@code "too long (300 characters, at most 253)"}
     */
    record Refused(String raw, String reason) implements HostReading {

        public Refused {
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
