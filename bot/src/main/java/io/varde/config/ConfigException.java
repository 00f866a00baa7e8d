package io.varde.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config that cannot be used, with every problem found in it. The loader validates the whole
 * file before giving up, so an operator fixes all mistakes in one pass rather than one per run.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private static final Comparator<ConfigError> ORDER =
            Comparator.comparing(ConfigError::file).thenComparingInt(ConfigError::line);

    private final transient List<ConfigError> errors;

    /**
     * @param errors at least one; they are sorted by file and line (stable, so problems on one
     *               line keep the order in which they were found)
     */
    public ConfigException(List<ConfigError> errors) {
        super(describe(sorted(errors)));
        this.errors = sorted(errors);
    }

    /** Every problem, sorted by file, then line. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static List<ConfigError> sorted(List<ConfigError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        return errors.stream().sorted(ORDER).toList();
    }

    private static String describe(List<ConfigError> errors) {
        String head = errors.size() == 1 ? "1 config error:" : errors.size() + " config errors:";
        return errors.stream().map(ConfigError::toString)
                .collect(Collectors.joining("\n  ", head + "\n  ", ""));
    }
}
