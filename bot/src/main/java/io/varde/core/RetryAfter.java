package io.varde.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3): either whole seconds
 * ({@code 120}) or an HTTP date ({@code Fri, 13 Nov 2026 09:05:00 GMT}), turned into a wait from
 * {@code now}. A date in the past means no wait; anything unreadable means no hint (null), so the
 * caller falls back to its own backoff (the delivery worker, the probe agent).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait {@code value} asks for, or null when absent or unreadable. */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
