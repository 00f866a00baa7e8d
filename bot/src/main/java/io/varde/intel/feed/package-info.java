/**
 * Readers for threat-intel sources. {@link io.varde.intel.feed.DdosiaTaskLists} reads the task
 * lists of NoName057(16)'s DDoSia tool (one JSON object with a {@code targets} array; extra keys
 * ignored, dirty rows kept as written or skipped with a reason) into {@link
 * io.varde.intel.TaskList}s.
 */
package io.varde.intel.feed;
