package io.varde.web;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * Where the web server listens.
 *
 * @param bind the address to bind: an IP literal or a local host name; {@code 127.0.0.1} by
 *             default, so nothing is exposed until an operator says so
 * @param port the TCP port, 0-65535 (0: any free port, for tests)
 */
public record WebSettings(String bind, int port) {

    public static final String BIND = "VARDE_HTTP_BIND";
    public static final String PORT = "VARDE_HTTP_PORT";
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public WebSettings {
        Objects.requireNonNull(bind, "bind");
        if (bind.isBlank() || bind.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(BIND + ": \"" + bind + "\" is not an address to bind");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PORT + ": " + port + " is out of range (0-65535)");
        }
    }

    /**
     * From {@code VARDE_HTTP_BIND} and {@code VARDE_HTTP_PORT}; unset or blank means the default.
     *
     * @throws IllegalArgumentException naming the variable, when the port is not a number or out
     *                                  of range, or the address has spaces
     */
    public static WebSettings fromEnv(Map<String, String> env) {
        String bind = env.get(BIND);
        String port = env.get(PORT);
        return new WebSettings(bind == null || bind.isBlank() ? DEFAULT_BIND : bind.strip(),
                port == null || port.isBlank() ? DEFAULT_PORT : port(port.strip()));
    }

    private static int port(String text) {
        if (!text.matches("[0-9]+")) {
            throw new IllegalArgumentException(PORT + ": \"" + text + "\" is not a port number (0-65535)");
        }
        if (text.length() > 5 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException(PORT + ": " + text + " is out of range (0-65535)");
        }
        return Integer.parseInt(text);
    }

    /**
     * The socket address to bind; resolves {@link #bind()} when it is a name.
     *
     * @throws IllegalArgumentException naming {@code VARDE_HTTP_BIND} when the name does not resolve
     */
    public InetSocketAddress address() {
        InetSocketAddress address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(BIND + ": cannot resolve \"" + bind + "\"");
        }
        return address;
    }
}
