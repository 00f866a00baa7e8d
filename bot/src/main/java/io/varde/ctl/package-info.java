/**
 * {@code varde ctl}: the local operator's line into the running instance. The bot listens on a
 * Unix domain socket in its data directory ({@link io.varde.ctl.CtlServer}); the socket file is
 * readable and writable by its owner only, and the server also checks the connecting process's
 * user (peer credentials) and accepts only the bot's own user or root. {@link
 * io.varde.ctl.CtlClient} sends one line of command words and prints the reply.
 */
package io.varde.ctl;
