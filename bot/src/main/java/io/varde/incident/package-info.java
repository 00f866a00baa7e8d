/**
 * Incidents: what responders work on. {@link io.varde.incident.IncidentService} turns detection
 * events into {@link io.varde.incident.Incident}s (open, grow, resolve), applies human actions
 * (acknowledge, mute, escalate, resolve) with a {@link io.varde.incident.TimelineEntry} for each,
 * runs the time-driven sweep (escalations due, reminders, mute expiry), and writes every
 * notification to the outbox in the same transaction as the change, through the
 * {@link io.varde.incident.IncidentStore} port. Roles, routes and escalation policies come from
 * {@code rules/team.yaml} as a {@link io.varde.incident.TeamConfig}.
 */
package io.varde.incident;
