package io.varde.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The memory of one process on its own: seen until it expires (inclusive), bounded, the soonest forgotten first. */
class MemoryOnceKeysTest {

    private static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    @Test
    void aKeyIsSeenUntilItExpiresAndThenForgotten() {
        MemoryOnceKeys keys = new MemoryOnceKeys(10);

        assertThat(keys.first("v0=a", at(1_000), at(0))).isTrue();
        assertThat(keys.first("v0=a", at(1_000), at(999))).isFalse();
        assertThat(keys.first("v0=a", at(1_000), at(1_000))).as("at its expiry").isFalse();
        assertThat(keys.size(at(1_001))).isZero();
        assertThat(keys.first("v0=a", at(2_000), at(1_001))).as("after it").isTrue();
    }

    @Test
    void whenFullTheKeyClosestToExpiryIsForgottenFirst() {
        MemoryOnceKeys keys = new MemoryOnceKeys(3);
        keys.first("v0=late", at(9_000), at(0));
        keys.first("v0=soon", at(2_000), at(0));
        keys.first("v0=mid", at(5_000), at(0));

        assertThat(keys.first("v0=new", at(9_500), at(10))).isTrue();

        assertThat(keys.size(at(10))).isEqualTo(3);
        assertThat(keys.evictions()).isEqualTo(1);
        assertThat(keys.first("v0=late", at(9_000), at(20))).isFalse();
        assertThat(keys.first("v0=mid", at(5_000), at(20))).isFalse();
        assertThat(keys.first("v0=new", at(9_500), at(20))).isFalse();
        assertThat(keys.first("v0=soon", at(2_000), at(20))).as("the one forgotten early").isTrue();
    }

    @Test
    void aHundredThousandKeysStayWithinTheBound() {
        MemoryOnceKeys keys = new MemoryOnceKeys(1_000);
        for (int i = 0; i < 100_000; i++) {
            keys.first("v0=" + i, at(600_000), at(0));
        }
        assertThat(keys.size(at(0))).isEqualTo(1_000);
        assertThat(keys.evictions()).isEqualTo(99_000);
    }
}
