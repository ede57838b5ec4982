package dev.hypersphere.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalogue of backbones: each one's name (and accepted aliases), default input and embedding size, the
 * inputs it can take, and where its layout comes from.
 */
public enum Architecture {

    LENET_PP("lenet++", List.of("lenetpp", "lenet-pp"), 2, 1, 28, 28,
            "LeNet++ (Wen et al. 2016, 'A Discriminative Feature Learning Approach for Deep Face Recognition', Table 1)"),
    SFNET20("sfnet20", List.of("sphereface20", "sphere20"), 512, 3, 112, 96,
            "SphereFace-20 (Liu et al. 2017, 'SphereFace', Table 2; Caffe sphereface_model / sphereface_pytorch sphere20a)"),
    IRESNET18("iresnet18", List.of("r18"), 512, 3, 112, 112, Architecture.INSIGHTFACE_IRESNET),
    IRESNET34("iresnet34", List.of("r34"), 512, 3, 112, 112, Architecture.INSIGHTFACE_IRESNET),
    IRESNET50("iresnet50", List.of("r50"), 512, 3, 112, 112, Architecture.INSIGHTFACE_IRESNET),
    IRESNET100("iresnet100", List.of("r100"), 512, 3, 112, 112, Architecture.INSIGHTFACE_IRESNET),
    MOBILEFACENET("mobilefacenet", List.of("mbf"), 512, 3, 112, 112,
            "MobileFaceNet as insightface arcface_torch backbones/mobilefacenet.py ('mbf': scale 2, blocks 1,4,6,2)"),
    SMALLNET("smallnet", List.of("small"), 128, 1, 32, 32,
            "hypersphere's small demo net: 3 stages of conv3×3 + BN + PReLU + maxpool (16, 32, 64), FC"),
    IRESNET_LITE("iresnet-lite", List.of("lite"), 256, 3, 64, 64,
            "hypersphere's real-face net for CPUs: IResNet units (insightface's IBasicBlock) at a quarter of "
                    + "IResNet's width, stride-2 stem, for 64×64 input (any multiple of 32)");

    private static final String INSIGHTFACE_IRESNET =
            "IResNet (Deng et al. 2019, 'ArcFace'), as insightface arcface_torch backbones/iresnet.py";

    private final String id;
    private final List<String> aliases;
    private final int defaultEmbeddingDim;
    private final int defaultChannels;
    private final int defaultHeight;
    private final int defaultWidth;
    private final String reference;

    Architecture(String id, List<String> aliases, int embeddingDim, int channels, int height, int width, String reference) {
        this.id = id;
        this.aliases = aliases;
        this.defaultEmbeddingDim = embeddingDim;
        this.defaultChannels = channels;
        this.defaultHeight = height;
        this.defaultWidth = width;
        this.reference = reference;
    }

    /** The name users and configs write, e.g. {@code iresnet50}. */
    public String id() {
        return id;
    }

    /** Other accepted spellings (insightface's {@code r50}, {@code mbf}, …). */
    public List<String> aliases() {
        return aliases;
    }

    public String reference() {
        return reference;
    }

    /** The spec with this backbone's usual embedding size and input. */
    public BackboneSpec defaultSpec() {
        return new BackboneSpec(id, defaultEmbeddingDim, defaultChannels, defaultHeight, defaultWidth);
    }

    /** Every backbone name, in catalogue order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Architecture::id).toList();
    }

    /** The architecture named {@code name} (case-insensitive, aliases accepted); an unknown name lists the valid ones. */
    public static Architecture of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("backbone name is empty; valid: " + String.join(", ", ids()));
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.id.equals(key) || a.aliases.contains(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown backbone '" + name + "'; valid: " + String.join(", ", ids()));
    }

    /** Residual units per stage. */
    public List<Integer> unitsPerStage() {
        return switch (this) {
            case LENET_PP, SMALLNET -> List.of(0, 0, 0);
            case IRESNET_LITE -> List.of(1, 2, 3, 1);
            case SFNET20 -> List.of(1, 2, 4, 1);
            case IRESNET18 -> List.of(2, 2, 2, 2);
            case IRESNET34 -> List.of(3, 4, 6, 3);
            case IRESNET50 -> List.of(3, 4, 14, 3);
            case IRESNET100 -> List.of(3, 13, 30, 3);
            case MOBILEFACENET -> List.of(1, 4, 6, 2);
        };
    }

    /** Output channels of each stage. */
    public List<Integer> stageChannels() {
        return switch (this) {
            case LENET_PP -> List.of(32, 64, 128);
            case SMALLNET -> List.of(16, 32, 64);
            case MOBILEFACENET -> List.of(128, 128, 256, 256);
            case IRESNET_LITE -> List.of(32, 64, 128, 256);
            default -> List.of(64, 128, 256, 512);
        };
    }

    /**
     * Checks that this backbone can take images of {@code height × width}; the message says what it needs.
     */
    void requireInputSize(int height, int width) {
        switch (this) {
            case LENET_PP, SMALLNET -> {
                if (height < 8 || width < 8) {
                    throw new IllegalArgumentException(id + " needs input of at least 8×8 (three 2×2 max-pools), got "
                            + height + "×" + width);
                }
            }
            case IRESNET_LITE -> {
                if (height < 32 || width < 32 || height % 32 != 0 || width % 32 != 0) {
                    throw new IllegalArgumentException(id + " needs input whose height and width are multiples of 32 "
                            + "(a stride-2 stem and four stride-2 stages; usually 64×64), got " + height + "×" + width);
                }
            }
            case SFNET20 -> {
                if (height < 16 || width < 16) {
                    throw new IllegalArgumentException(id + " needs input of at least 16×16 (four stride-2 stages; "
                            + "usually 112×96 or 112×112), got " + height + "×" + width);
                }
            }
            default -> {
                if (height != 112 || width != 112) {
                    throw new IllegalArgumentException(id + " needs 112×112 input (its head expects the 7×7 map "
                            + "left after four stride-2 stages), got " + height + "×" + width);
                }
            }
        }
    }

    /** Size (C, H, W) of the last feature map (before flattening) for an input of {@code height × width}. */
    public List<Integer> featureMap(int height, int width) {
        return switch (this) {
            case LENET_PP -> List.of(128, height / 8, width / 8);
            case SMALLNET -> List.of(64, height / 8, width / 8);
            case SFNET20 -> List.of(512, halveCeil(height, 4), halveCeil(width, 4));
            case IRESNET_LITE -> List.of(256, height / 32, width / 32);
            default -> List.of(512, 7, 7);
        };
    }

    /** Layout facts for a run's model.json. */
    Map<String, Object> layout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", reference);
        m.put("stageChannels", stageChannels());
        switch (this) {
            case LENET_PP -> {
                m.put("layers", "3 stages of 2× [conv5×5 pad 2 + bias, PReLU] + maxpool 2×2; FC + bias");
                m.put("activation", "PReLU per channel");
            }
            case SMALLNET -> {
                m.put("layers", "3 stages of [conv3×3 pad 1, BN, PReLU, maxpool 2×2]; FC + bias");
                m.put("activation", "PReLU per channel");
            }
            case SFNET20 -> {
                m.put("unitsPerStage", unitsPerStage());
                m.put("layers", "per stage: conv3×3 stride 2 + bias, PReLU; units of 2× [conv3×3 + bias, PReLU] + identity; "
                        + "FC + bias; no batch norm in the trunk (the paper's and Caffe model's SphereFace-20)");
                m.put("activation", "PReLU per channel");
            }
            case IRESNET_LITE -> {
                m.put("unitsPerStage", unitsPerStage());
                m.put("layers", "conv3×3/2 32 + BN + PReLU; units BN-conv3×3-BN-PReLU-conv3×3(stride)-BN "
                        + "(+ conv1×1/BN shortcut at each stage start, stride 2) with 32, 64, 128, 256 channels; BN2d, "
                        + "flatten, FC 256·(H/32)·(W/32) → d");
                m.put("activation", "PReLU per channel");
            }
            case MOBILEFACENET -> {
                m.put("unitsPerStage", unitsPerStage());
                m.put("layers", "conv3×3/2 128; conv3×3 groups 64; bottlenecks (1×1 expand, 3×3 depthwise, 1×1 linear) "
                        + "128→128 e128/2, 4× residual e128, 128→256 e256/2, 6× residual e256, 256→256 e512/2, "
                        + "2× residual e256; conv1×1 512; GDC 7×7 depthwise + BN; FC without bias");
                m.put("activation", "PReLU per channel");
            }
            default -> {
                m.put("unitsPerStage", unitsPerStage());
                m.put("layers", "conv3×3 64 + BN + PReLU; units BN-conv3×3-BN-PReLU-conv3×3(stride)-BN "
                        + "(+ conv1×1/BN shortcut at each stage start, stride 2); BN2d, flatten, FC 512·7·7 → d "
                        + "(insightface's dropout p = 0 is left out: it is the identity)");
                m.put("activation", "PReLU per channel");
            }
        }
        m.put("embeddingNorm", "BatchNorm1d(eps 1e-5, momentum 0.1), scale fixed at 1 and not trained, shift trained");
        return m;
    }

    private static int halveCeil(int size, int times) {
        int s = size;
        for (int i = 0; i < times; i++) {
            s = (s - 1) / 2 + 1;
        }
        return s;
    }
}
