package io.varde.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a YAML file into a node tree with line marks, turning every way that can fail (missing
 * file, unreadable bytes, syntax) into a whole-file {@link ConfigError}.
 *
 * <p>The YAML 1.2 core schema is used, so {@code true}/{@code True}, {@code ~}/{@code null} and
 * {@code 0x1F} mean what YAML users expect. Duplicate keys are not checked here: the composer
 * keeps them, and {@link YamlMap} reports them with both lines.
 */
final class YamlSource {

    private static final CoreSchema SCHEMA = new CoreSchema();
    private static final ScalarResolver RESOLVER = SCHEMA.getScalarResolver();

    private YamlSource() {
    }

    /**
     * The root node of {@code file}, or empty when there is none; every problem is reported to
     * {@code problems} under the key {@code (file)}. A file with no content (or only comments) is
     * an error for {@code targets.yaml}.
     */
    static Optional<Node> read(Path file, Problems problems) {
        return read(file, problems, "the file is empty; it needs at least a `targets` list");
    }

    /**
     * As {@link #read(Path, Problems)}, with {@code emptyProblem} reported for a file with no
     * content; null when such a file is fine (and means every default).
     */
    static Optional<Node> read(Path file, Problems problems, String emptyProblem) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(1, ConfigError.WHOLE_FILE, "file not found");
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.add(1, ConfigError.WHOLE_FILE, "cannot read file: it is not valid UTF-8");
            return Optional.empty();
        } catch (AccessDeniedException e) {
            problems.add(1, ConfigError.WHOLE_FILE, "cannot read file: permission denied");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(1, ConfigError.WHOLE_FILE, "cannot read file: " + e.getMessage());
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.getFileName().toString())
                .setSchema(SCHEMA)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            problems.add(syntaxLine(e), ConfigError.WHOLE_FILE, syntaxMessage(e));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(1, ConfigError.WHOLE_FILE, "YAML error: " + e.getMessage());
            return Optional.empty();
        }
        if (root.isEmpty() && emptyProblem != null) {
            problems.add(1, ConfigError.WHOLE_FILE, emptyProblem);
        }
        return root;
    }

    /** The tag a plain scalar with this text resolves to (used for text after expansion). */
    static Tag resolve(String plainText) {
        return RESOLVER.resolve(plainText, true);
    }

    private static int syntaxLine(MarkedYamlEngineException e) {
        return e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
    }

    /**
     * {@code YAML syntax error: <problem> (<context>, line N)}: the problem is what the parser
     * tripped on; the context (when there is one) says which construct it was reading and where
     * that construct started, which is often the real mistake (an unclosed bracket or quote).
     */
    private static String syntaxMessage(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem().trim();
        StringBuilder sb = new StringBuilder("YAML syntax error: ").append(problem);
        String context = e.getContext() == null ? "" : e.getContext().trim();
        if (!context.isEmpty()) {
            sb.append(" (").append(context);
            Optional<Mark> contextMark = e.getContextMark();
            if (contextMark.isPresent() && contextMark.get().getLine() + 1 != syntaxLine(e)) {
                sb.append(", line ").append(contextMark.get().getLine() + 1);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
