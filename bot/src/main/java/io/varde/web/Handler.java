package io.varde.web;

import java.io.IOException;

/**
 * Answers one request. Runs on a {@code varde-web-N} thread once the request's body is in whole
 * (reading {@link Request#body()} never waits for the client); may block (ask a store). An
 * exception becomes a 500 with a generic message, logged with its stack trace by
 * {@link WebServer}; a handler that wants another status returns it.
 */
@FunctionalInterface
public interface Handler {

    Response handle(Request request) throws IOException;
}
