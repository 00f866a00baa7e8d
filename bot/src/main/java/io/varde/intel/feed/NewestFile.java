package io.varde.intel.feed;

import io.varde.intel.IntelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The newest list in a directory of lists (e.g. one where a sync job drops each DDoSia list as it
 * is published). Only files that can hold the source's kind count: {@code .json} for task lists,
 * {@code .xml}, {@code .rss} and {@code .atom} for feeds; so a README, a licence or a half-written
 * {@code .part} file next to them is never read. A file's time is the one in its name
 * ({@link DdosiaTaskLists#observedAtFromName}), else its modification time; the latest wins, ties
 * broken by name.
 */
final class NewestFile {

    private static final List<String> TASK_LIST_SUFFIXES = List.of(".json");
    private static final List<String> FEED_SUFFIXES = List.of(".xml", ".rss", ".atom");

    private record Candidate(Path path, Instant time) {
    }

    private NewestFile() {
    }

    /** The newest file of {@code kind} in {@code dir}; a {@link SourceFetcher.FetchException} when there is none. */
    static Path in(Path dir, IntelSource.Kind kind) throws IOException {
        List<String> suffixes = kind == IntelSource.Kind.TASK_LIST ? TASK_LIST_SUFFIXES : FEED_SUFFIXES;
        Optional<Candidate> newest;
        try (Stream<Path> files = Files.list(dir)) {
            newest = files.filter(p -> counts(p, suffixes))
                    .map(NewestFile::candidate)
                    .flatMap(Optional::stream)
                    .max(Comparator.comparing(Candidate::time)
                            .thenComparing(c -> c.path().getFileName().toString()));
        }
        return newest.map(Candidate::path).orElseThrow(() -> new SourceFetcher.FetchException(
                dir + ": no " + String.join(" or ", suffixes) + " file in the directory"));
    }

    private static boolean counts(Path p, List<String> suffixes) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && suffixes.stream().anyMatch(lower::endsWith) && Files.isRegularFile(p);
    }

    /** The file with its time; empty when it vanished while the directory was read. */
    private static Optional<Candidate> candidate(Path p) {
        Optional<Instant> named = DdosiaTaskLists.observedAtFromName(p.getFileName().toString());
        if (named.isPresent()) {
            return Optional.of(new Candidate(p, named.get()));
        }
        try {
            return Optional.of(new Candidate(p, Files.getLastModifiedTime(p).toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
