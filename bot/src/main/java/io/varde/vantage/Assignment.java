package io.varde.vantage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.varde.check.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the server asks one location to check:
 * {@code {"location": "fra", "version": "<sha-256 hex of the targets' JSON>", "interval_floor_s": 1,
 * "targets": [...]}} (each target as {@link TargetWire} writes it). The version is the
 * document's {@code ETag}: it changes exactly when what the agent must run changes.
 *
 * @param location      the location the targets are for
 * @param version       64 lower-case hex digits
 * @param intervalFloor the agent checks no target more often than this (at least 1 s)
 * @param targets       in the server's order, ids unique
 */
public record Assignment(String location, String version, Duration intervalFloor, List<Target> targets) {

    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{64}");

    public Assignment {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(version, "version");
        targets = List.copyOf(targets);
        if (intervalFloor.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the interval floor is at least 1s: " + intervalFloor);
        }
    }

    /** The assignment of {@code targets} to {@code location}, with its version computed. */
    public static Assignment of(String location, Duration intervalFloor, List<Target> targets) {
        return new Assignment(location, version(TargetWire.encodeAll(targets)), intervalFloor, targets);
    }

    /** The document as sent. */
    public byte[] toJson() {
        ObjectNode doc = WireReader.MAPPER.createObjectNode();
        doc.put("location", location);
        doc.put("version", version);
        doc.put("interval_floor_s", intervalFloor.toSeconds());
        doc.set("targets", TargetWire.encodeAll(targets));
        try {
            return WireReader.MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Reads an assignment document.
     *
     * @throws WireFormatException naming the first field that is wrong
     */
    public static Assignment parse(byte[] json) throws WireFormatException {
        JsonNode doc = WireReader.object(WireReader.parse(json), "(document)");
        String location = WireReader.name(doc, "location", "");
        String version = WireReader.text(doc, "version", "");
        if (!VERSION.matcher(version).matches()) {
            throw new WireFormatException("version: not 64 lower-case hex digits");
        }
        long floor = WireReader.integer(doc, "interval_floor_s", "", 1, 86_400);
        JsonNode array = WireReader.array(doc, "targets", "");
        List<Target> targets = new ArrayList<>(array.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Target t = TargetWire.decode(array.get(i), "targets[" + i + "]");
            if (!ids.add(t.id())) {
                throw new WireFormatException("targets[" + i + "].id: " + t.id() + " is given twice");
            }
            targets.add(t);
        }
        return new Assignment(location, version, Duration.ofSeconds(floor), targets);
    }

    /** The SHA-256 of the targets' JSON, in hex. */
    static String version(ArrayNode targets) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(WireReader.MAPPER.writeValueAsString(targets)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("SHA-256 and JSON are always there", e);
        }
    }
}
