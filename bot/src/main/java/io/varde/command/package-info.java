/**
 * The platform-neutral command layer: one grammar for chat and {@code varde ctl}, parsing,
 * role checks, execution against incidents and status, and replies as platform-neutral cards.
 */
package io.varde.command;
