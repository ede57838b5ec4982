package dev.hypersphere.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hypersphere} command: one subcommand per job. */
@Command(name = "hypersphere",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Learn, measure and use embeddings on the unit hypersphere.",
        subcommands = {HeadsCommand.class, DemoCommand.class, TrainCommand.class, EmbedCommand.class, PackCommand.class,
            FaceCommand.class, GalleryCommand.class, IdentifyCommand.class, VerifyCommand.class, CalibrateCommand.class,
            EvalCommand.class, ExperimentCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class HypersphereCommand implements Runnable {

    /** Exit code for bad input (arguments, files, values), as picocli uses for usage errors. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure that is not the user's input. */
    public static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new HypersphereCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine.execute(args);
    }
}
