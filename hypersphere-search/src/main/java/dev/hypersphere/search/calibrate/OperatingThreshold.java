package dev.hypersphere.search.calibrate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The threshold a decision uses and where it came from: a calibration (which states its FAR), or, uncalibrated,
 * the documented {@link #DEFAULT_THRESHOLD}, which is tied to no FAR.
 */
public record OperatingThreshold(double threshold, Calibration calibration, String origin) {

    /**
     * Cosine used when nothing is calibrated. A guess on the strict side for margin-trained face embedders
     * (their different-identity pairs mostly score below 0.3): it promises no FAR; run {@code hypersphere calibrate}.
     */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** The first calibration given (e.g. the gallery's, then the model's), else the default. */
    public static OperatingThreshold choose(Calibration preferred, String preferredOrigin, Calibration fallback, String fallbackOrigin) {
        if (preferred != null) {
            return new OperatingThreshold(preferred.threshold(), preferred, preferredOrigin);
        }
        if (fallback != null) {
            return new OperatingThreshold(fallback.threshold(), fallback, fallbackOrigin);
        }
        return new OperatingThreshold(DEFAULT_THRESHOLD, null, "default");
    }

    public boolean calibrated() {
        return calibration != null;
    }

    public boolean accepts(double cosine) {
        return cosine >= threshold;
    }

    /** One line: the threshold and the FAR it was calibrated for, or that it was not. */
    public String describe() {
        if (calibration == null) {
            return String.format(Locale.ROOT, "cosine %.4f: uncalibrated default, no FAR known (run 'hypersphere calibrate')", threshold);
        }
        return calibration.describe() + " [" + origin + "]";
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("threshold", threshold);
        json.put("calibrated", calibrated());
        json.put("far_target", calibration == null ? null : calibration.farTarget());
        json.put("far_achieved", calibration == null ? null : calibration.farAchieved());
        json.put("tar", calibration == null ? null : calibration.tar());
        json.put("origin", origin);
        json.put("calibration", calibration == null ? null : calibration.toJson());
        return json;
    }
}
