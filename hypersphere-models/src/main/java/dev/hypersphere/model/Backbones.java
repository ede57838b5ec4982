package dev.hypersphere.model;

import dev.hypersphere.model.net.IResNet;
import dev.hypersphere.model.net.LeNetPlusPlus;
import dev.hypersphere.model.net.MobileFaceNet;
import dev.hypersphere.model.net.SFNet;
import dev.hypersphere.model.net.SmallConvNet;
import java.util.List;

/**
 * Builds backbones by name: {@code Backbones.create(BackboneSpec.defaults("iresnet50"))} or
 * {@code Backbones.create(new BackboneSpec("lenet++", 3, 1, 28, 28))}. See {@link Architecture} for the catalogue.
 */
public final class Backbones {

    /** Every backbone name, in catalogue order. */
    public static final List<String> NAMES = Architecture.ids();

    private Backbones() {}

    /** A new, uninitialised backbone for {@code spec}. */
    public static Backbone create(BackboneSpec spec) {
        Architecture architecture = spec.architecture();
        return switch (architecture) {
            case LENET_PP -> LeNetPlusPlus.create(spec);
            case SFNET20 -> SFNet.create(spec, architecture.unitsPerStage());
            case IRESNET18, IRESNET34, IRESNET50, IRESNET100 -> IResNet.create(spec, architecture.unitsPerStage());
            case MOBILEFACENET -> MobileFaceNet.create(spec);
            case SMALLNET -> SmallConvNet.create(spec);
            case IRESNET_LITE -> IResNet.createLite(spec, architecture.unitsPerStage(), architecture.stageChannels());
        };
    }

    /** A new backbone with the named architecture's default spec. */
    public static Backbone create(String name) {
        return create(BackboneSpec.defaults(name));
    }
}
