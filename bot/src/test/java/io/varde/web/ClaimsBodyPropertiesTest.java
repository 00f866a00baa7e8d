package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.varde.intel.IntelIntake;
import io.varde.intel.RawClaim;
import io.varde.intel.TargetIndex;
import io.varde.testing.MemoryIntelStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a caller POSTs, {@link ClaimsBody#read} either reads it or refuses it with
 * {@link ClaimsBody.Invalid}, nothing else: what it reads the intake stores in strict mode (so
 * the endpoint never meets a refusal after the body was taken, which would be a 500), within the
 * time bounds and under no reserved source; and a valid claim with one field made wrong is
 * refused naming that field.
 */
class ClaimsBodyPropertiesTest {

    static final Instant RECEIVED = ClaimsBodyTest.RECEIVED;
    private static final JsonBodies BODIES = new JsonBodies(RECEIVED);
    private static final TargetIndex INDEX = ClaimsEndpointTest.INDEX;

    @Property(tries = 10_000)
    void anyBodyIsReadOrRefusedWithInvalidAndWhatIsReadIsStored(@ForAll("bodies") byte[] body) {
        ClaimsBody.Parsed parsed;
        try {
            parsed = ClaimsBody.read(body, RECEIVED, ClaimsBodyTest.RESERVED);
        } catch (ClaimsBody.Invalid e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("threw " + e + " on " + new String(body, StandardCharsets.UTF_8), e);
        }
        assertStoredWhole(parsed.claims());
    }

    @Property(tries = 1_000)
    void aValidBodyIsRead(@ForAll("valid") byte[] body) throws Exception {
        ClaimsBody.Parsed parsed;
        try {
            parsed = ClaimsBody.read(body, RECEIVED, ClaimsBodyTest.RESERVED);
        } catch (ClaimsBody.Invalid e) {
            throw new AssertionError(e.getMessage() + " for " + new String(body, StandardCharsets.UTF_8));
        }
        assertThat(parsed.claims()).isNotEmpty();
        assertStoredWhole(parsed.claims());
    }

    @Property(tries = 2_000)
    void aValidClaimWithOneFieldWrongIsRefusedNamingThatField(@ForAll("mutated") JsonBodies.Mutated mutated) {
        assertThatThrownBy(() -> ClaimsBody.read(mutated.body(), RECEIVED, ClaimsBodyTest.RESERVED))
                .as("%s", mutated)
                .isInstanceOf(ClaimsBody.Invalid.class)
                .message().startsWith(mutated.field());
    }

    /** Every claim read is stored by the intake in strict mode, as the endpoint asks. */
    private static void assertStoredWhole(List<RawClaim> claims) {
        IntelIntake intake = new IntelIntake(new MemoryIntelStore(), () -> INDEX, e -> { });
        for (RawClaim raw : claims) {
            IntelIntake.Receipt receipt = intake.claim(raw, true);
            if (receipt.claim().isEmpty()) {
                fail("the intake refused a claim the body took: %s (%s)", raw, receipt.refused());
            }
            Instant claimed = receipt.claim().get().claim().claimedAt();
            assertThat(claimed).isBetween(RECEIVED.minus(ClaimsBody.MAX_AGE), RECEIVED.plus(ClaimsBody.MAX_AHEAD));
            assertThat(ClaimsBodyTest.RESERVED.reserved(raw.sourceName())).as(raw.sourceName()).isFalse();
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return BODIES.bodies();
    }

    @Provide
    Arbitrary<byte[]> valid() {
        return BODIES.valid();
    }

    @Provide
    Arbitrary<JsonBodies.Mutated> mutated() {
        return BODIES.mutated();
    }
}
