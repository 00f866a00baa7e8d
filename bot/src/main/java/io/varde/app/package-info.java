/**
 * The command line ({@link io.varde.app.Main}: {@code varde run}, {@code varde validate},
 * {@code varde replay}, {@code varde ctl}, {@code varde probe}: a probe agent,
 * {@link io.varde.app.ProbeCommand}, whose server side {@link io.varde.app.ProbeRoutes} puts on the web
 * server) and
 * {@link io.varde.app.Wiring}, the one class that builds the object graph from a validated
 * config and starts it. Nothing else constructs edge adapters, but {@code io.varde.replay}, which
 * builds the same pipeline on an in-memory database for {@code varde replay}.
 */
package io.varde.app;
