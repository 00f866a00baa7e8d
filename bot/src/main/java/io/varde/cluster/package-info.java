/**
 * Cluster mode: several Varde nodes on one PostgreSQL, exactly one of them the coordinator
 * (correlation, incident changes, the sweep, delivery, Discord). The values say what the database
 * knows: the coordinator's {@link io.varde.cluster.Lease} (holder, epoch, until when), each node's
 * {@link io.varde.cluster.NodeRecord}, both read at once with the database's clock as a
 * {@link io.varde.cluster.ClusterView}, and the {@link io.varde.cluster.QueuedEvent}s other nodes
 * hand to the coordinator. {@link io.varde.cluster.ClusterStore} is the port to them; every time
 * it keeps is the database's, so nodes with skewed clocks agree. {@link io.varde.cluster.NodeName}
 * gives a node its name.
 */
package io.varde.cluster;
