/**
 * Threat intel, the pure part: reading the host fields of claims and DDoSia task lists, and
 * matching them to monitored targets. {@link io.varde.intel.HostNames#normalise(String)} turns a
 * raw, often dirty host field ({@code www.cert.dk/www.cert.dk}, a URL, {@code host:port}, an
 * international name) into a {@link io.varde.intel.HostName} with its registrable domain from
 * the public suffix list (Guava's {@code InternetDomainName}), saying what it fixed, or refuses it
 * with a reason. {@link io.varde.intel.TargetIndex} answers which targets a host hits and why
 * ({@link io.varde.intel.Match}). {@link io.varde.intel.TaskList} is one snapshot of an attack
 * tool's task list and {@link io.varde.intel.TaskListDiff} what changed between two.
 * {@link io.varde.intel.TextHosts} pulls hosts and URLs out of free text (feed posts, claims in
 * any language) and reads each through {@code HostNames}. Nothing here resolves a name or
 * touches the network: the IPs a target resolves to are given from outside.
 */
package io.varde.intel;
