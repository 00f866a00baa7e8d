package io.varde.incident;

/**
 * What a human action did.
 *
 * @param ok       false when nothing changed (and {@code message} says why)
 * @param message  one line for the person who asked
 * @param incident the incident as it stands after the action, or null when none is concerned
 */
public record ActionResult(boolean ok, String message, Incident incident) {

    static ActionResult done(String message, Incident incident) {
        return new ActionResult(true, message, incident);
    }

    static ActionResult refused(String message) {
        return new ActionResult(false, message, null);
    }
}
