package io.varde.intel.feed;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.varde.intel.TaskList;
import io.varde.intel.TaskList.Task;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads DDoSia task lists as the tool downloads them (and researchers republish them). */
public final class DdosiaTaskLists {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code 2025-10-02_11-10-35_...} or the older {@code 02-10-2025_11-10-35_...}, UTC. */
    private static final Pattern ISO_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2})_.*");
    private static final Pattern DMY_NAME = Pattern.compile("(\\d{2}-\\d{2}-\\d{4}_\\d{2}-\\d{2}-\\d{2})_.*");

    private DdosiaTaskLists() {
    }

    /**
     * Reads one list.
     *
     * @param source     where it came from, for messages
     * @param observedAt when the snapshot was taken
     * @throws TaskListFormatException when it is not JSON or has no {@code targets} array
     */
    public static TaskList read(InputStream in, String source, Instant observedAt) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonParseException e) {
            throw new TaskListFormatException(source + ": not JSON: " + e.getOriginalMessage());
        }
        JsonNode targets = root == null ? null : root.get("targets");
        if (targets == null || !targets.isArray()) {
            throw new TaskListFormatException(source + ": no \"targets\" array");
        }
        List<Task> tasks = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int row = 0;
        for (JsonNode t : targets) {
            row++;
            String host = text(t, "host");
            if (!t.isObject() || host.isBlank()) {
                skipped.add("row " + row + ": no host");
                continue;
            }
            JsonNode port = t.get("port");
            tasks.add(new Task(host, text(t, "ip"), text(t, "type"), text(t, "method"),
                    port != null && port.canConvertToInt() ? port.asInt() : 0,
                    t.path("use_ssl").asBoolean(false), text(t, "path")));
        }
        return new TaskList(source, observedAt, tasks, skipped);
    }

    /** The snapshot time in a file name such as {@code 2025-10-02_11-10-35_DDoSia-target-list-full.json}. */
    public static Optional<Instant> observedAtFromName(String fileName) {
        Matcher iso = ISO_NAME.matcher(fileName);
        Matcher dmy = DMY_NAME.matcher(fileName);
        try {
            if (iso.matches()) {
                return Optional.of(parse(iso.group(1), "yyyy-MM-dd_HH-mm-ss"));
            }
            if (dmy.matches()) {
                return Optional.of(parse(dmy.group(1), "dd-MM-yyyy_HH-mm-ss"));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant parse(String text, String pattern) {
        return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern)).toInstant(ZoneOffset.UTC);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** A task list that cannot be read at all. */
    public static final class TaskListFormatException extends IOException {
        TaskListFormatException(String message) {
            super(message);
        }
    }
}
