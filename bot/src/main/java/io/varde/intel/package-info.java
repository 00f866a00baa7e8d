/**
 * Threat intel: what attackers say and plan. {@link io.varde.intel.TaskList} is one snapshot of
 * an attack tool's task list and {@link io.varde.intel.TaskListDiff} what changed between two.
 */
package io.varde.intel;
