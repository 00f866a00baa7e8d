package io.varde.check;

/** The kinds of probe a target can use. */
public enum CheckKind {
    HTTP, TCP, DNS;

    /** The lower-case name used in config ({@code kind: tcp}). */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
