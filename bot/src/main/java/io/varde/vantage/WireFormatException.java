package io.varde.vantage;

/**
 * A document of the probe wire format that cannot be read: the message says where and what is
 * wrong ({@code results[3].o: "BAD" is not one of OK, SLOW, FAIL, MITIGATED}), and it is what the
 * other side is told. {@link #tooLarge()} marks a document that is well formed but holds more
 * than the reader takes.
 */
public final class WireFormatException extends Exception {

    private final boolean tooLarge;

    public WireFormatException(String message) {
        this(message, false);
    }

    private WireFormatException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** A document over a limit (results, bytes), rather than a malformed one. */
    static WireFormatException tooLarge(String message) {
        return new WireFormatException(message, true);
    }

    /** True when the document was refused for its size, not its shape. */
    public boolean tooLarge() {
        return tooLarge;
    }
}
