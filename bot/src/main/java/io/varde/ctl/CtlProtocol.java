package io.varde.ctl;

import java.nio.file.Path;

/**
 * The wire format, kept minimal: the client sends one line of command words (UTF-8, at most
 * {@link #MAX_REQUEST} bytes, ended by a newline); the server answers with a status line, {@code
 * OK} or {@code ERROR}, then the reply text, and closes the connection.
 */
final class CtlProtocol {

    static final String SOCKET_NAME = "varde.sock";
    static final int MAX_REQUEST = 4096;
    static final String OK = "OK";
    static final String ERROR = "ERROR";

    private CtlProtocol() {
    }

    static Path socket(Path dataDir) {
        return dataDir.resolve(SOCKET_NAME);
    }
}
