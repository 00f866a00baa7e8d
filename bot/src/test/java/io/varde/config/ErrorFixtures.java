package io.varde.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Invalid fixture files that declare the exact errors they must produce, one per
 * {@code # expect: } line: the shared reading of {@link InvalidConfigTest} and
 * {@link ScenarioReaderTest}.
 */
final class ErrorFixtures {

    static final String EXPECT = "# expect: ";

    private ErrorFixtures() {
    }

    /** The {@code .yaml} files of test resource folder {@code dir}, sorted, named by file name. */
    static Stream<Named<Path>> in(String dir) throws IOException, URISyntaxException {
        Path folder = Path.of(ErrorFixtures.class.getResource(dir).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted()
                    .map(p -> Named.of(p.getFileName().toString(), p)).toList().stream();
        }
    }

    /** The errors {@code fixture} declares; at least one. */
    static List<String> expected(Path fixture) throws IOException {
        List<String> expected = Files.readAllLines(fixture).stream()
                .filter(l -> l.startsWith(EXPECT)).map(l -> l.substring(EXPECT.length())).toList();
        assertThat(expected).as("the fixture declares its errors").isNotEmpty();
        return expected;
    }
}
