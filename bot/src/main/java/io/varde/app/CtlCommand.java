package io.varde.app;

import io.varde.ctl.CtlClient;
import io.varde.ctl.CtlReply;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code varde ctl <command words>}: runs one chat command against the instance running on this
 * host, as the operator (lead role), and prints the reply.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {"Run one command against the Varde running on this host, as the operator "
                + "(lead role), and print the reply. Examples:",
                "  varde ctl incidents",
                "  varde ctl mute borger-dk 1h planned maintenance",
                "  varde ctl ack INC-3",
                "Only the user running Varde (or root) may: the bot listens on a socket in its data "
                + "directory that only its owner can open. Exit status: 0 done, 1 refused or not "
                + "understood, 3 Varde is not running with that data directory."})
final class CtlCommand implements Callable<Integer> {

    static final int NOT_RUNNING = 3;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    DataOptions data = new DataOptions();

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "The command, e.g. status, incidents, help.")
    List<String> words;

    CtlCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            CtlReply reply = CtlClient.send(data.dataDir(env), String.join(" ", words));
            (reply.ok() ? out : err).println(reply.text());
            return reply.ok() ? 0 : 1;
        } catch (CtlClient.NotRunningException e) {
            err.println(e.getMessage());
            return NOT_RUNNING;
        } catch (IOException e) {
            err.println("varde ctl: " + e.getMessage());
            return 1;
        }
    }
}
