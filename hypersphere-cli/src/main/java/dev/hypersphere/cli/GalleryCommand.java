package dev.hypersphere.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hypersphere gallery}: enroll, remove and list identities of a face gallery folder. */
@Command(name = "gallery",
        mixinStandardHelpOptions = true,
        description = "A face gallery folder: identities enrolled from photos (one template each, the normalised mean of "
                + "their face embeddings), searched by 'hypersphere identify'. Changes are atomic: a crash leaves the "
                + "gallery as it was.",
        subcommands = {GalleryEnrollCommand.class, GalleryRemoveCommand.class, GalleryListCommand.class})
final class GalleryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
