package dev.hypersphere.cli;

import picocli.CommandLine;

/**
 * Turns an exception from a subcommand into one line on stderr and an exit code: bad input (an
 * {@link IllegalArgumentException}, or an {@link java.io.IOException} about a file the user named: missing,
 * unreadable, malformed) exits {@value HypersphereCommand#BAD_INPUT}, anything else
 * {@value HypersphereCommand#FAILURE}. Stack traces only with {@code HYPERSPHERE_DEBUG=1}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        boolean badInput = e instanceof IllegalArgumentException || e instanceof java.io.IOException;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        commandLine.getErr().println("hypersphere: " + (badInput ? "error: " : "failed: ") + message.lines().findFirst().orElse(""));
        if ("1".equals(System.getenv("HYPERSPHERE_DEBUG"))) {
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return badInput ? HypersphereCommand.BAD_INPUT : HypersphereCommand.FAILURE;
    }
}
