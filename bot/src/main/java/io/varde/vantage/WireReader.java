package io.varde.vantage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reading the fields of a wire document with the path of each in errors
 * ({@code targets[2].probe.port: must be an integer}). Every reader refuses a wrong type, a
 * missing required field and (for texts) an over-long value; unknown fields are left alone, so
 * that a newer peer's additions do not break an older one.
 */
final class WireReader {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Names of targets and locations: what the config allows. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,199}");

    /** Any text field: a wire document carries no novels. */
    private static final int MAX_TEXT = 64 * 1024;

    private WireReader() {
    }

    /** The JSON document in {@code bytes}; never the text of it in the message. */
    static JsonNode parse(byte[] bytes) throws WireFormatException {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new WireFormatException("the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw new WireFormatException("the body is not JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    static JsonNode object(JsonNode node, String path) throws WireFormatException {
        if (node == null || !node.isObject()) {
            throw new WireFormatException(path + ": must be an object");
        }
        return node;
    }

    static JsonNode array(JsonNode parent, String field, String path) throws WireFormatException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new WireFormatException(at(path, field) + ": " + (node == null ? "missing" : "must be an array"));
        }
        return node;
    }

    static JsonNode object(JsonNode parent, String field, String path) throws WireFormatException {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new WireFormatException(at(path, field) + ": missing");
        }
        return object(node, at(path, field));
    }

    static String text(JsonNode parent, String field, String path) throws WireFormatException {
        return optText(parent, field, path)
                .orElseThrow(() -> new WireFormatException(at(path, field) + ": missing"));
    }

    /** A text that may be absent (or null). */
    static Optional<String> optText(JsonNode parent, String field, String path) throws WireFormatException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(node, at(path, field)));
    }

    static String text(JsonNode node, String path) throws WireFormatException {
        if (!node.isTextual()) {
            throw new WireFormatException(path + ": must be a string");
        }
        String s = node.textValue();
        if (s.length() > MAX_TEXT) {
            throw new WireFormatException(path + ": longer than " + MAX_TEXT + " characters");
        }
        return s;
    }

    static String name(JsonNode parent, String field, String path) throws WireFormatException {
        String s = text(parent, field, path);
        if (!NAME.matcher(s).matches()) {
            throw new WireFormatException(at(path, field) + ": \"" + brief(s) + "\" is not a name ([a-z0-9-]+)");
        }
        return s;
    }

    static boolean bool(JsonNode parent, String field, String path) throws WireFormatException {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new WireFormatException(at(path, field) + ": missing");
        }
        return bool(node, at(path, field));
    }

    static boolean bool(JsonNode node, String path) throws WireFormatException {
        if (!node.isBoolean()) {
            throw new WireFormatException(path + ": must be true or false");
        }
        return node.booleanValue();
    }

    /** An integer in {@code [min, max]}. */
    static long integer(JsonNode parent, String field, String path, long min, long max) throws WireFormatException {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new WireFormatException(at(path, field) + ": missing");
        }
        return integer(node, at(path, field), min, max);
    }

    static long integer(JsonNode node, String path, long min, long max) throws WireFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new WireFormatException(path + ": must be an integer");
        }
        long v = node.longValue();
        if (v < min || v > max) {
            throw new WireFormatException(path + ": " + v + " is out of range (" + min + "-" + max + ")");
        }
        return v;
    }

    static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A value quoted in a message: short, printable. */
    static String brief(String s) {
        return brief(s, 40);
    }

    /** {@code s} cut to {@code max} characters, printable ASCII only, without double quotes. */
    static String brief(String s, int max) {
        String cut = s.length() > max ? s.substring(0, max) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "'");
    }
}
