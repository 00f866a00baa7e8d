package io.varde.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A node's name in the cluster: the one it is given in {@code VARDE_NODE_NAME}, or
 * {@code <host name>-<pid>}, which differs between the processes of one host and survives as
 * long as the process. It is the lease holder and the key of the node's heartbeat row, so two
 * running nodes must never share one: a name set by hand must be unique in the cluster.
 */
public final class NodeName {

    /** The environment variable that names the node. */
    public static final String VARIABLE = "VARDE_NODE_NAME";

    /** The longest name (the columns' size). */
    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
    private static final Pattern INVALID_CHARS = Pattern.compile("[^A-Za-z0-9._-]");

    private NodeName() {
    }

    /**
     * The node's name: {@code VARDE_NODE_NAME} when set (blank is unset), otherwise
     * {@code <host name>-<pid>}, the host name from {@link InetAddress#getLocalHost()}, else the
     * {@code HOSTNAME} variable, else {@code localhost}, without characters outside
     * {@code [A-Za-z0-9._-]} and cut so that the whole fits in {@value #MAX_LENGTH}.
     *
     * @throws IllegalArgumentException when {@code VARDE_NODE_NAME} is set but not 1 to 64 of
     *                                  {@code A-Z a-z 0-9 . _ -}
     */
    public static String resolve(Map<String, String> env) {
        return resolve(env, NodeName::localHostName, ProcessHandle.current().pid());
    }

    /** {@link #resolve(Map)} with the host name lookup (null when it fails) and pid given. */
    static String resolve(Map<String, String> env, Supplier<String> localHostName, long pid) {
        String given = env.get(VARIABLE);
        if (given != null && !given.isBlank()) {
            String name = given.strip();
            if (!VALID.matcher(name).matches()) {
                throw new IllegalArgumentException(VARIABLE + ": \"" + name + "\" is not a node name: use 1 to "
                        + MAX_LENGTH + " letters, digits, '.', '_' or '-' (A-Z a-z 0-9 . _ -)");
            }
            return name;
        }
        String suffix = "-" + pid;
        String host = clean(localHostName.get());
        if (host.isEmpty()) {
            host = clean(env.get("HOSTNAME"));
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        int room = MAX_LENGTH - suffix.length();
        return (host.length() > room ? host.substring(0, room) : host) + suffix;
    }

    private static String clean(String text) {
        return text == null ? "" : INVALID_CHARS.matcher(text).replaceAll("");
    }

    /** This host's name, or null when the JDK cannot tell (its resolver may take a few seconds). */
    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
