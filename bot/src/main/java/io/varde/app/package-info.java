/**
 * The command line ({@link io.varde.app.Main}: {@code varde run}, {@code varde validate},
 * {@code varde replay}, {@code varde ctl}) and
 * {@link io.varde.app.Wiring}, the one class that builds the object graph from a validated
 * config and starts it. Nothing else constructs edge adapters, but {@code io.varde.replay}, which
 * builds the same pipeline on an in-memory database for {@code varde replay}.
 */
package io.varde.app;
