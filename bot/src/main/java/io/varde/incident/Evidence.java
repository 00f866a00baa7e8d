package io.varde.incident;

import java.util.Objects;

/**
 * Why correlation says an incident is more than an outage: a claim, a task list, a campaign rule.
 *
 * @param ref  what it refers to: a claim ({@code C-12}), a task list ({@code list:ddosia}) or a
 *             rule ({@code rule:campaign}); an incident holds each ref once
 * @param text for humans: who claimed what, where, when, and the lag to our detection
 */
public record Evidence(String ref, String text) {

    public Evidence {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(text, "text");
    }

    /** True for a claim of an attack (not a task list entry alone). */
    public boolean isClaim() {
        return ref.startsWith("C-");
    }
}
