package dev.hypersphere.experiment;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The catalogue of experiments, by name. */
public final class Experiments {

    private Experiments() {}

    public static List<Experiment> all() {
        return List.of(
                new dev.hypersphere.experiment.sphereface.SphereFaceMnist(),
                new dev.hypersphere.experiment.margins.MarginsFaces(),
                new dev.hypersphere.experiment.alignuniform.AlignUniformExperiment(),
                new dev.hypersphere.experiment.subcenter.SubCenterNoise(),
                new dev.hypersphere.experiment.lfw.LfwExperiment(),
                dev.hypersphere.experiment.lfw.LfwExperiment.margins());
    }

    public static Experiment byName(String name) {
        for (Experiment e : all()) {
            if (e.name().equals(name.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown experiment '" + name + "'; known: "
                + all().stream().map(Experiment::name).collect(Collectors.joining(", ")));
    }
}
