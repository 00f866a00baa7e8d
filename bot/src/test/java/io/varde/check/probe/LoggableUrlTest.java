package io.varde.check.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.check.HttpSpec;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URLs in logs never carry what may be a secret: user info, query or fragment. */
class LoggableUrlTest {

    @ParameterizedTest(name = "{0} is logged as {1}")
    @CsvSource({
        "https://www.borger.dk/, https://www.borger.dk/",
        "https://www.trm.dk/soeg?query=x&token=s3cret, https://www.trm.dk/soeg",
        "https://user:pa55@status.example.dk:8443/health#frag, https://status.example.dk:8443/health",
        "http://127.0.0.1:8080, http://127.0.0.1:8080"
    })
    void dropsUserInfoQueryAndFragment(String url, String logged) {
        assertThat(HttpProber.loggable(HttpSpec.get(URI.create(url)))).isEqualTo(logged);
    }
}
