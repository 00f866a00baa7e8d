package io.varde.detect;

import io.varde.check.Location;

/**
 * What one location sees of one target now.
 *
 * @param location the location
 * @param status   its own judgement of the target, from its checks alone
 * @param lost     true when the location stopped reporting (its view is not counted)
 * @param problem  true when the location has a problem of its own (fails most of its targets)
 */
public record LocationView(Location location, TargetStatus status, boolean lost, boolean problem) {
}
