package io.varde.app;

import io.varde.check.probe.Probers;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code varde}: the entry point. Exit status 0 ok, 1 failure, 2 invalid config or usage. */
@Command(name = "varde", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Watches public websites, detects outages and campaigns, alerts responders.",
        subcommands = {RunCommand.class, ValidateCommand.class, ReplayCommand.class, CtlCommand.class, ProbeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status for a config that does not validate (and for usage errors, as picocli does). */
    static final int INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static {
        Probers.prepareJdk();
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command line with the given environment and streams (tests call this too). */
    static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(), new Factory(env, out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Creates the subcommands with the environment and streams they need. */
    private record Factory(Map<String, String> env, PrintStream out, PrintStream err)
            implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(env, out, err));
            }
            if (type == CtlCommand.class) {
                return type.cast(new CtlCommand(env, out, err));
            }
            if (type == ValidateCommand.class) {
                return type.cast(new ValidateCommand(env, out, err));
            }
            if (type == ReplayCommand.class) {
                return type.cast(new ReplayCommand(env, out, err));
            }
            if (type == ProbeCommand.class) {
                return type.cast(new ProbeCommand(env, err));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"varde " + (v == null ? "development build" : v)};
        }
    }
}
