package dev.hypersphere.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hypersphere eval}: verification, identification, geometry, and side-by-side comparison of reports. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluate embeddings: verification under the published protocols, identification and retrieval, "
                + "hypersphere geometry; each writes report.json (and report.html with --html) into --out.",
        subcommands = {EvalVerifyCommand.class, EvalAllPairsCommand.class, EvalIdentifyCommand.class, EvalGeometryCommand.class,
            EvalCompareCommand.class})
final class EvalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
