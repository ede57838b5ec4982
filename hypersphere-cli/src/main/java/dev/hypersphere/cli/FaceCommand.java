package dev.hypersphere.cli;

import dev.hypersphere.data.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hypersphere face}: the face pipeline on photos (detect, align, embed). */
@Command(name = "face", mixinStandardHelpOptions = true,
        description = "Face photos: find faces and their landmarks (detect), turn them into embeddings (embed), or into aligned training sets (pack).",
        subcommands = {FaceDetectCommand.class, FaceEmbedCommand.class, FacePackCommand.class})
final class FaceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The images named: files as given, folders replaced by the image files under them (in name order). */
    static List<Path> images(List<Path> arguments) throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> files = Files.walk(argument)) {
                    files.filter(Files::isRegularFile).filter(p -> ImageDecoder.isImageName(p.getFileName().toString()))
                            .sorted().forEach(images::add);
                }
            } else if (Files.exists(argument)) {
                images.add(argument);
            } else {
                throw new NoSuchFileException(argument.toString(), null, "no such image or folder");
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images found in " + arguments);
        }
        return images;
    }

    /** A file-name stem per image, unique in the list (prefixed with the image's index where names repeat). */
    static List<String> stems(List<Path> images) {
        List<String> plain = images.stream().map(p -> p.getFileName().toString().replaceFirst("\\.[^.]*$", "")).toList();
        List<String> stems = new ArrayList<>(plain.size());
        for (int i = 0; i < plain.size(); i++) {
            String stem = plain.get(i);
            stems.add(plain.indexOf(stem) == plain.lastIndexOf(stem) ? stem : i + "-" + stem);
        }
        return stems;
    }
}
