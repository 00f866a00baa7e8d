/**
 * Threat-intel sources at the edge: reading them from where they are and turning them into the
 * intel model. {@link io.varde.intel.feed.DdosiaTaskLists} reads the task lists of
 * NoName057(16)'s DDoSia tool (one JSON object with a {@code targets} array; extra keys ignored,
 * dirty rows kept as written or skipped with a reason) into {@link io.varde.intel.TaskList}s;
 * {@link io.varde.intel.feed.FeedReader} reads RSS and Atom feeds (ROME; HTML to text with jsoup)
 * into {@link io.varde.intel.RawClaim}s; {@link io.varde.intel.feed.SourceFetcher} fetches a
 * source over HTTP (conditional, capped, with one deadline) or from a file or directory; and
 * {@link io.varde.intel.feed.IntelPoller}, the main type, polls the sources of
 * {@code rules/intel.yaml} on its own thread and hands what they give to
 * {@link io.varde.intel.IntelIntake}, keeping a {@link io.varde.intel.SourceStatus} per source.
 */
package io.varde.intel.feed;
