package io.varde.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The replay memory on its own: seen until it expires (inclusive), bounded, the soonest forgotten first. */
class ReplayWindowTest {

    @Test
    void aSignatureIsSeenUntilItExpiresAndThenForgotten() {
        ReplayWindow window = new ReplayWindow(10);

        assertThat(window.firstSeen("v0=a", 1_000, 0)).isTrue();
        assertThat(window.firstSeen("v0=a", 1_000, 999)).isFalse();
        assertThat(window.firstSeen("v0=a", 1_000, 1_000)).as("at its expiry").isFalse();
        assertThat(window.size(1_001)).isZero();
        assertThat(window.firstSeen("v0=a", 2_000, 1_001)).as("after it").isTrue();
    }

    @Test
    void whenFullTheSignatureClosestToExpiryIsForgottenFirst() {
        ReplayWindow window = new ReplayWindow(3);
        window.firstSeen("v0=late", 9_000, 0);
        window.firstSeen("v0=soon", 2_000, 0);
        window.firstSeen("v0=mid", 5_000, 0);

        assertThat(window.firstSeen("v0=new", 9_500, 10)).isTrue();

        assertThat(window.size(10)).isEqualTo(3);
        assertThat(window.evictions()).isEqualTo(1);
        assertThat(window.firstSeen("v0=late", 9_000, 20)).isFalse();
        assertThat(window.firstSeen("v0=mid", 5_000, 20)).isFalse();
        assertThat(window.firstSeen("v0=new", 9_500, 20)).isFalse();
    }

    @Test
    void aHundredThousandSignaturesStayWithinTheBound() {
        ReplayWindow window = new ReplayWindow(1_000);
        for (int i = 0; i < 100_000; i++) {
            window.firstSeen("v0=" + i, 600_000, 0);
        }
        assertThat(window.size(0)).isEqualTo(1_000);
        assertThat(window.evictions()).isEqualTo(99_000);
    }
}
