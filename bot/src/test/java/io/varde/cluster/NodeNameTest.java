package io.varde.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeNameTest {

    static final String LONG_HOST = "a".repeat(70);

    @Test
    void theGivenNameWinsStripped() {
        assertThat(NodeName.resolve(Map.of("VARDE_NODE_NAME", " node-1.dc_2 "), () -> "host", 42))
                .isEqualTo("node-1.dc_2");
        assertThat(NodeName.resolve(Map.of("VARDE_NODE_NAME", "x".repeat(64)), () -> "host", 42))
                .hasSize(64);
    }

    @Test
    void aGivenNameThatIsNoNodeNameIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"node 1", "n/1", "nöde", "x".repeat(65), "a;b"}) {
            assertThatThrownBy(() -> NodeName.resolve(Map.of("VARDE_NODE_NAME", bad), () -> "host", 42))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("VARDE_NODE_NAME: \"" + bad + "\" is not a node name")
                    .hasMessageContaining("1 to 64");
        }
    }

    @Test
    void withoutAGivenNameItIsTheHostAndThePid() {
        assertThat(NodeName.resolve(Map.of(), () -> "varde-a.example.org", 4711)).isEqualTo("varde-a.example.org-4711");
        assertThat(NodeName.resolve(Map.of("VARDE_NODE_NAME", "  "), () -> "varde-a", 4711))
                .as("blank is unset").isEqualTo("varde-a-4711");
    }

    @Test
    void theHostNameFallsBackToHostnameThenLocalhost() {
        assertThat(NodeName.resolve(Map.of("HOSTNAME", "box7"), () -> null, 9)).isEqualTo("box7-9");
        assertThat(NodeName.resolve(Map.of("HOSTNAME", "box7"), () -> "", 9)).isEqualTo("box7-9");
        assertThat(NodeName.resolve(Map.of(), () -> null, 9)).isEqualTo("localhost-9");
        assertThat(NodeName.resolve(Map.of("HOSTNAME", "ø ø"), () -> "?? !", 9))
                .as("nothing left after cleaning").isEqualTo("localhost-9");
    }

    @Test
    void theHostNameIsCleanedAndCutSoThatTheWholeFits() {
        assertThat(NodeName.resolve(Map.of(), () -> "my host:ø1", 12)).isEqualTo("myhost1-12");
        String name = NodeName.resolve(Map.of(), () -> LONG_HOST, 1234567);
        assertThat(name).hasSize(64).endsWith("a-1234567").startsWith("aaaa");
    }

    @Test
    void theRealLookupGivesAValidName() {
        assertThat(NodeName.resolve(Map.of())).matches("[A-Za-z0-9._-]{1,64}")
                .endsWith("-" + ProcessHandle.current().pid());
    }
}
