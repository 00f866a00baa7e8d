/**
 * The command line ({@link io.varde.app.Main}: {@code varde run}, {@code varde validate}) and
 * {@link io.varde.app.Wiring}, the one class that builds the object graph from a validated
 * config and starts it. Nothing else constructs edge adapters.
 */
package io.varde.app;
