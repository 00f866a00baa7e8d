package io.varde.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading settings from environment variables, for the chat platforms' settings: blank means
 * unset, and every problem is a {@link ConfigError} in file {@code (environment)}, without a
 * line, keyed by the variable.
 */
final class EnvVars {

    static final String ENVIRONMENT = "(environment)";

    private EnvVars() {
    }

    /** The stripped value of {@code name}, or null when it is unset or blank. */
    static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static ConfigError error(String variable, String message) {
        return new ConfigError(ENVIRONMENT, 0, variable, message);
    }

    static void throwIfAny(List<ConfigError> errors) throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    /**
     * {@code text} as a URL with one of {@code schemes} and a host, ending with {@code /};
     * {@code fallback} when {@code text} is null; {@code fallback} with an error added when it is
     * not such a URL.
     *
     * @param what    what it must be, for the error, e.g. {@code an http(s) URL such as https://slack.com/api/}
     */
    static URI url(List<ConfigError> errors, String variable, String text, Set<String> schemes,
                   URI fallback, String what) {
        if (text == null) {
            return fallback;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text : text + "/");
            if (uri.getScheme() != null && schemes.contains(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(error(variable, "\"" + text + "\" is not " + what));
        return fallback;
    }
}
