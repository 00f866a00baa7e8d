/**
 * {@code varde ctl}: the local operator's line into the running instance. The bot listens on a
 * Unix domain socket in its data directory ({@link io.varde.ctl.CtlServer}); the socket file is
 * readable and writable by its owner only, and the server also checks the connecting process's
 * user (peer credentials) and accepts only the bot's own user or root. {@link
 * io.varde.ctl.CtlClient} sends one line of command words and prints the reply. Clients are
 * served one at a time, each with {@link io.varde.ctl.CtlServer#IO_TIMEOUT} to send its line and
 * as long to take the reply, so a stuck client cannot keep the operator out.
 */
package io.varde.ctl;
