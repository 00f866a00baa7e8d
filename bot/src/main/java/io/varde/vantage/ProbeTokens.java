package io.varde.vantage;

import io.varde.config.VantageConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which location a bearer token is for. Only SHA-256 digests of the configured tokens are kept;
 * a presented token is digested and compared with every candidate by
 * {@link MessageDigest#isEqual} (constant time), all of them each time, so neither the time
 * taken nor an early exit tells which token or location came close. A location has one token, or
 * two while rotating. Nothing here logs or returns a token or a part of it.
 */
final class ProbeTokens {

    private record Candidate(String location, byte[] digest) {
    }

    /** A header value this long or longer is refused unread: no token is kilobytes. */
    private static final int MAX_HEADER = 4096;

    private final List<Candidate> candidates;

    ProbeTokens(VantageConfig config) {
        List<Candidate> out = new ArrayList<>();
        config.tokens().forEach((location, tokens) -> {
            if (config.location(location).isPresent()) {
                for (String token : tokens) {
                    if (token != null && !token.isBlank()) {
                        out.add(new Candidate(location, digest(token.strip())));
                    }
                }
            }
        });
        this.candidates = List.copyOf(out);
    }

    /** The location of the token in {@code authorization} ({@code Bearer <token>}), if any has it. */
    Optional<String> locationOf(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().length() >= MAX_HEADER) {
            return Optional.empty();
        }
        String value = authorization.get().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = value.substring(space + 1).strip();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = digest(token);
        String found = null;
        for (Candidate c : candidates) {
            boolean same = MessageDigest.isEqual(presented, c.digest());
            if (same && found == null) {
                found = c.location();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
