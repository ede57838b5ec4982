package dev.hypersphere.data.transform;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hypersphere.data.image.ChannelConversion;
import dev.hypersphere.validate.Inputs;
import java.util.List;

/**
 * The whole preprocessing of a run, as data: what a run folder records (as JSON) so that training can be resumed
 * and {@code embed} can repeat the deterministic part. Applied in this order: channel adaptation, then a random
 * resized crop to height×width ({@code crop}, if set) or a bilinear resize, a horizontal flip with probability
 * {@code flipProbability}, colour jitter ({@code jitter}, if set), and normalisation (x/255 − mean)/std. The
 * evaluation form ({@link #evaluation()}) keeps only adaptation, resize and normalisation.
 *
 * @param mean one value, or one per channel, on the [0, 1] scale (insightface: 0.5)
 * @param std  idem (insightface: 0.5)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Preprocessing(int channels, int height, int width, double flipProbability, Crop crop, Jitter jitter,
                            List<Double> mean, List<Double> std) {

    /** Random resized crop ranges (area fraction and width/height ratio). */
    public record Crop(double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
        public Crop {
            new RandomResizedCrop(1, 1, scaleMin, scaleMax, ratioMin, ratioMax);   // validates the ranges
        }
    }

    /** Colour jitter amounts (0 = off). */
    public record Jitter(double brightness, double contrast, double saturation) {
        public Jitter {
            new ColorJitter(brightness, contrast, saturation);   // validates the amounts
        }
    }

    public Preprocessing {
        ChannelConversion.requireChannels("channels", channels);
        Inputs.requireAtLeast("height", height, 1);
        Inputs.requireAtLeast("width", width, 1);
        Inputs.requireInRange("flipProbability", flipProbability, 0, 1, "");
        mean = mean == null ? List.of(0.5) : List.copyOf(mean);
        std = std == null ? List.of(0.5) : List.copyOf(std);
        new Normalize(mean, std);   // validates
        if (mean.size() != 1 && mean.size() != channels) {
            throw new IllegalArgumentException("mean/std need 1 or " + channels + " values, got " + mean.size());
        }
    }

    /** insightface's training preprocessing: resize, random horizontal flip, (x/255 − 0.5)/0.5. */
    public static Preprocessing insightface(int channels, int height, int width) {
        return new Preprocessing(channels, height, width, 0.5, null, null, List.of(0.5), List.of(0.5));
    }

    /** Resize and normalise only, as for embedding and evaluation. */
    public static Preprocessing plain(int channels, int height, int width) {
        return insightface(channels, height, width).evaluation();
    }

    /** The deterministic part: adaptation, resize, normalisation (no crop, flip or jitter). */
    public Preprocessing evaluation() {
        return new Preprocessing(channels, height, width, 0, null, null, mean, std);
    }

    public Preprocessing withCrop(Crop newCrop) {
        return new Preprocessing(channels, height, width, flipProbability, newCrop, jitter, mean, std);
    }

    public Preprocessing withJitter(Jitter newJitter) {
        return new Preprocessing(channels, height, width, flipProbability, crop, newJitter, mean, std);
    }

    public Preprocessing withFlipProbability(double probability) {
        return new Preprocessing(channels, height, width, probability, crop, jitter, mean, std);
    }

    public Preprocessing withNormalisation(List<Double> newMean, List<Double> newStd) {
        return new Preprocessing(channels, height, width, flipProbability, crop, jitter, newMean, newStd);
    }

    /** Whether any step draws random numbers. */
    @JsonIgnore
    public boolean isRandom() {
        return flipProbability > 0 || crop != null
                || (jitter != null && (jitter.brightness() > 0 || jitter.contrast() > 0 || jitter.saturation() > 0));
    }

    /** Values per sample after preprocessing (C·H·W). */
    public int sampleLength() {
        return channels * height * width;
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write preprocessing as JSON", e);
        }
    }

    /** Parses {@link #toJson()}'s output; bad input is an IllegalArgumentException naming the problem. */
    public static Preprocessing fromJson(String json) {
        try {
            return JSON.readValue(json, Preprocessing.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("preprocessing JSON: " + (cause instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : cause.getMessage()), e);
        }
    }
}
