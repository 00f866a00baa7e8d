package io.varde.config;

/**
 * One problem found in a config file, located precisely enough for an operator to fix it without
 * guessing.
 *
 * @param file    the file as the caller named it (relative when the caller gave a relative dir)
 * @param line    1-based line of the offending value; for a missing key, the line of the mapping
 *                that lacks it; for a whole-file problem without a line of its own, 1; 0 for
 *                what has no lines (an environment variable, file {@code (environment)})
 * @param key     the path of the value, such as {@code targets[2].interval} (0-based indexes), or
 *                {@code (file)} for a whole-file problem
 * @param message what is wrong and, where it helps, how to fix it
 */
public record ConfigError(String file, int line, String key, String message) {

    /** The key used for problems that concern the whole file (syntax, missing or empty file). */
    public static final String WHOLE_FILE = "(file)";

    /**
     * {@code file:line: key: message}, the format editors and CI logs recognise;
     * {@code file: key: message} without a line.
     */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + key + ": " + message;
    }
}
