package dev.hypersphere.train.schedule;

import java.util.List;
import java.util.Locale;

/**
 * The learning rate as a pure function of the step, so that a resumed run needs to save nothing but the step:
 * linear warm-up from 0 over {@code warmupSteps}, then one of
 * <ul>
 *   <li>{@code constant};
 *   <li>{@code step}: multiplied by {@code gamma} at each milestone (steps counted from the start of training);
 *   <li>{@code poly}: {@code (1 − t)^power}, t the fraction of the post-warm-up steps done (insightface's PolyScheduler);
 *   <li>{@code cosine}: {@code ½(1 + cos πt)}.
 * </ul>
 */
public record LearningRateSchedule(double baseRate, long warmupSteps, long totalSteps, Decay decay,
                                   List<Long> milestones, double gamma, double power) {

    /** How the rate decays after warm-up. */
    public enum Decay {
        CONSTANT, STEP, POLY, COSINE;

        public static Decay parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("schedule.decay must be one of constant, step, poly, cosine; got '" + text + "'");
            }
        }
    }

    public LearningRateSchedule {
        milestones = List.copyOf(milestones);
        if (!(baseRate > 0)) {
            throw new IllegalArgumentException("optimizer.lr must be > 0, got " + baseRate);
        }
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps >= totalSteps && decay != Decay.CONSTANT) {
            throw new IllegalArgumentException("schedule.warmup-steps must be in [0, total steps " + totalSteps + "), got " + warmupSteps);
        }
    }

    /** The rate at step {@code step} (0-based: the rate used for the step-th update). */
    public double at(long step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / (double) warmupSteps;
        }
        double t = Math.min(1.0, (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps));
        return switch (decay) {
            case CONSTANT -> baseRate;
            case STEP -> baseRate * Math.pow(gamma, milestones.stream().filter(m -> step >= m).count());
            case POLY -> baseRate * Math.pow(1 - t, power);
            case COSINE -> baseRate * 0.5 * (1 + Math.cos(Math.PI * t));
        };
    }
}
