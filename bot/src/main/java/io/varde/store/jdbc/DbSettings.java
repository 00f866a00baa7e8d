package io.varde.store.jdbc;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the database is and how to log in. Only H2 ({@code jdbc:h2:}) and PostgreSQL
 * ({@code jdbc:postgresql:}) are supported: the migrations are written and tested for those two.
 *
 * @param url      the JDBC URL
 * @param user     the user, or null to let the driver decide (e.g. from the URL)
 * @param password the password, or null; never logged, never shown by {@link #toString()}
 */
public record DbSettings(String url, String user, String password) {

    static final String H2_PREFIX = "jdbc:h2:";
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    /**
     * H2 options of the embedded database, for one process that may be killed at any moment:
     * <ul>
     *   <li>{@code WRITE_DELAY=0}: every commit is handed to the operating system at once (H2's
     *       default delays writes by up to half a second, which a SIGKILL would lose: an outbox
     *       message marked sent would be sent again after a restart);</li>
     *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database while
     *       the application is still draining work in its shutdown; {@link Database#close()}
     *       closes it instead;</li>
     *   <li>{@code LOCK_TIMEOUT=10000}: a writer waits up to 10 s for a row another transaction
     *       holds (H2's default of 1 s fails needlessly under load).</li>
     * </ul>
     * The default file lock (a lock file) keeps a second process from opening the same file.
     */
    static final String EMBEDDED_OPTIONS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";

    private static final Pattern SECRET_PARAM =
            Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

    public DbSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith(H2_PREFIX) && !url.startsWith(POSTGRES_PREFIX)) {
            throw new IllegalArgumentException("unsupported database URL " + loggable(url)
                    + ": only jdbc:h2: and jdbc:postgresql: URLs are supported");
        }
    }

    /** The embedded H2 file database {@code <dataDir>/varde} (files {@code varde.mv.db} ...). */
    public static DbSettings embedded(Path dataDir) {
        Path base = dataDir.toAbsolutePath().resolve("varde");
        return new DbSettings(H2_PREFIX + "file:" + base + EMBEDDED_OPTIONS, "varde", "");
    }

    /**
     * From {@code VARDE_DB_URL}, {@code VARDE_DB_USER} and {@code VARDE_DB_PASSWORD} when the URL
     * is set (and not blank), else {@link #embedded(Path)}.
     *
     * @throws IllegalArgumentException when the URL is neither H2 nor PostgreSQL
     */
    public static DbSettings fromEnv(Map<String, String> env, Path dataDir) {
        String url = env.get("VARDE_DB_URL");
        if (url == null || url.isBlank()) {
            return embedded(dataDir);
        }
        return new DbSettings(url.strip(), env.get("VARDE_DB_USER"), env.get("VARDE_DB_PASSWORD"));
    }

    /**
     * The file an H2 URL names, without H2's {@code .mv.db} ending ({@code <dataDir>/varde} for
     * {@link #embedded}); empty for PostgreSQL and for H2's in-memory and server URLs
     * ({@code mem:}, {@code tcp:}, {@code ssl:}). {@code ~} is the user's home, as H2 reads it.
     */
    public Optional<Path> h2File() {
        if (postgres()) {
            return Optional.empty();
        }
        String rest = url.substring(H2_PREFIX.length());
        int options = rest.indexOf(';');
        String place = options < 0 ? rest : rest.substring(0, options);
        if (place.startsWith("mem:") || place.startsWith("tcp:") || place.startsWith("ssl:")) {
            return Optional.empty();
        }
        if (place.startsWith("file:")) {
            place = place.substring("file:".length());
        }
        if (place.isEmpty()) {
            return Optional.empty();
        }
        if (place.equals("~") || place.startsWith("~/")) {
            place = System.getProperty("user.home") + place.substring(1);
        }
        return Optional.of(Path.of(place));
    }

    /** True for PostgreSQL, false for H2. */
    public boolean postgres() {
        return url.startsWith(POSTGRES_PREFIX);
    }

    /** The URL with any password parameter and user info masked, for logs and messages. */
    public String loggableUrl() {
        return loggable(url);
    }

    static String loggable(String url) {
        String masked = SECRET_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("//***@");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DbSettings[url=" + loggableUrl() + ", user=" + user + "]";
    }
}
