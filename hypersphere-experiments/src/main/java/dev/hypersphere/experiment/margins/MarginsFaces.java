package dev.hypersphere.experiment.margins;

import dev.hypersphere.eval.plot.Charts;
import dev.hypersphere.eval.verify.Roc;
import dev.hypersphere.experiment.Experiment;
import dev.hypersphere.experiment.ExperimentContext;
import dev.hypersphere.experiment.ExperimentReport;
import dev.hypersphere.experiment.ExperimentRuns;
import dev.hypersphere.metric.VerificationAccuracy;
import dev.hypersphere.train.Training;
import dev.hypersphere.train.config.TrainConfig;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.embed.Embeddings;
import dev.hypersphere.train.setup.DataSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The margin heads side by side on real faces, open set: one backbone per head and per fold of identities, trained
 * on the other folds' identities and verified on all pairs of the held-out ones, so that every identity is tested
 * exactly once (ORL by default: 40 identities in 4 folds of 10). Scores of all folds are pooled into one ROC per head.
 */
public final class MarginsFaces implements Experiment {

    /** A head as trained here: its config name and parameters. */
    record HeadSetting(String label, String name, Map<String, String> params) {}

    /**
     * Scale 32 for every normalised head (a 30-identity training set converges poorly at insightface's 64 in a few
     * hundred steps); margins are the papers' defaults scaled down as in the demo.
     */
    static final List<HeadSetting> HEADS = List.of(
            new HeadSetting("softmax", "softmax", Map.of()),
            new HeadSetting("sphereface m4", "sphereface", Map.of("m", "4")),
            new HeadSetting("cosface s32 m0.25", "cosface", Map.of("s", "32", "m", "0.25")),
            new HeadSetting("arcface s32 m0.3", "arcface", Map.of("s", "32", "m", "0.3")),
            new HeadSetting("combined s32 (1, 0.2, 0.1)", "combined", Map.of("s", "32", "m1", "1.0", "m2", "0.2", "m3", "0.1")),
            new HeadSetting("subcenter-arcface K3", "subcenter-arcface", Map.of("s", "32", "m", "0.3", "k", "3")));

    private final String dataSet;
    private final int folds;

    /** The default: ORL faces, 4 folds of 10 identities. */
    public MarginsFaces() {
        this("orl", 4);
    }

    /** Any image folder ({@code root/<identity>/<image>}) under the data root, in {@code folds} folds of identities. */
    public MarginsFaces(String dataSet, int folds) {
        this.dataSet = dataSet;
        this.folds = folds;
    }

    @Override
    public String name() {
        return "margins-faces";
    }

    @Override
    public String description() {
        return "Softmax, SphereFace, CosFace, ArcFace, combined and sub-center ArcFace heads on real faces (ORL), open-set "
                + "verification on identities never seen in training, " + folds + " folds of identities so that each is "
                + "tested once.";
    }

    @Override
    public void run(ExperimentContext context, ExperimentReport report) throws IOException {
        Path faces = context.data(dataSet);
        long steps = context.quick() ? 30 : 300;
        int foldsRun = context.quick() ? 1 : folds;
        List<List<Object>> rows = new ArrayList<>();
        List<Charts.Curve> curves = new ArrayList<>();
        Map<String, Object> results = new LinkedHashMap<>();
        long pairs = 0;
        long samePairs = 0;
        for (HeadSetting head : HEADS) {
            List<Double> scores = new ArrayList<>();
            List<Boolean> same = new ArrayList<>();
            double seconds = 0;
            for (int fold = 0; fold < foldsRun; fold++) {
                String run = head.label().replaceAll("[^A-Za-z0-9.]+", "-") + "-fold" + fold;
                TrainConfig config = ExperimentRuns.config(null, overrides(context, faces, head, fold, steps));
                Training.Report trained = ExperimentRuns.train(context, run, config);
                seconds += ExperimentRuns.number(trained, "seconds");
                allPairs(embedHeldOut(context, run, config), scores, same);
            }
            double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] y = new boolean[same.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = same.get(i);
            }
            pairs = s.length;
            samePairs = same.stream().filter(b -> b).count();
            Roc roc = Roc.of(s, y);
            VerificationAccuracy.Result accuracy = VerificationAccuracy.kFold(s, y, 10);
            Roc.Operating at1 = roc.tarAtFar(1e-2);
            Roc.Operating at01 = roc.tarAtFar(1e-3);
            rows.add(List.of(head.label(), accuracy.mean(), accuracy.std(), roc.auc(), roc.eer(), at1.tar(), at01.tar(),
                    seconds));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("head", head.name());
            r.put("head_parameters", head.params());
            r.put("accuracy", accuracy.mean());
            r.put("accuracy_std", accuracy.std());
            r.put("auc", roc.auc());
            r.put("eer", roc.eer());
            r.put("tar_at_far_1e-2", at1.tar());
            r.put("tar_at_far_1e-3", at01.tar());
            r.put("pairs", s.length);
            r.put("same_pairs", same.stream().filter(b -> b).count());
            r.put("train_seconds", seconds);
            results.put(head.label(), r);
            Roc curve = roc.dropIntermediate();
            curves.add(new Charts.Curve(head.label(), curve.fpr(), curve.tpr()));
            context.console().printf(Locale.ROOT, "%s: open-set accuracy %.4f ± %.4f, AUC %.4f, TAR@FAR=1e-2 %.4f%n",
                    head.label(), accuracy.mean(), accuracy.std(), roc.auc(), at1.tar());
        }
        Path figures = context.out().resolve("figures");
        Files.createDirectories(figures);
        Charts.roc("Open-set verification on " + dataSet + " (identities unseen in training)", curves, 1e-3)
                .write(figures, "roc", 900, 600);
        report.figure("figures/roc.png");
        report.put("heads", results);
        report.put("folds", foldsRun);
        report.put("steps_per_run", steps);
        report.table(new ExperimentReport.Table("Open-set verification on " + dataSet + ", smallnet 40×32 grey, "
                + steps + " steps per run, " + foldsRun + " fold(s) of identities",
                List.of("head", "accuracy (10-fold)", "± std", "AUC", "EER", "TAR@FAR=1e-2", "TAR@FAR=1e-3", "train s"),
                rows, "All pairs of the held-out identities' images in each fold, pooled over the folds; accuracy is the "
                        + "10-fold best-threshold protocol over the pooled pairs. Only " + percent(samePairs, pairs)
                        + " of the pairs are same-identity, so answering 'different' always scores "
                        + percent(pairs - samePairs, pairs) + ": TAR at a fixed FAR and AUC are the telling columns."));
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / Math.max(1, whole));
    }

    private Map<String, String> overrides(ExperimentContext context, Path faces, HeadSetting head, int fold, long steps) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("data.source", "folder");
        o.put("data.path", faces.toString());
        o.put("data.channels", "1");
        o.put("data.height", "40");
        o.put("data.width", "32");
        o.put("data.split", "identity-folds");
        o.put("data.folds", String.valueOf(folds));
        o.put("data.fold", String.valueOf(fold));
        o.put("data.seed", String.valueOf(context.seed()));
        o.put("data.crop-scale-min", "0.8");
        o.put("data.flip", "0.5");
        o.put("model.backbone", "smallnet");
        o.put("model.embedding-dim", "128");
        o.put("head.name", head.name());
        head.params().forEach((k, v) -> o.put("head.params." + k, v));
        o.put("optimizer.lr", "0.05");
        o.put("schedule.warmup-steps", String.valueOf(steps / 10));
        o.put("schedule.decay", "poly");
        o.put("train.batch-size", "64");
        o.put("train.steps", String.valueOf(steps));
        o.put("train.validate-every", "0");
        o.put("train.checkpoint-every", String.valueOf(Math.max(1, steps / 2)));
        o.put("train.log-every", "10");
        o.put("train.seed", String.valueOf(context.seed()));
        o.put("train.threads", String.valueOf(context.threads()));
        o.put("validation.pairs", "1000");
        return o;
    }

    private static Embeddings embedHeldOut(ExperimentContext context, String run, TrainConfig config) throws IOException {
        try (DataSetup data = DataSetup.open(config.data());
             Embedder embedder = Embedder.load(context.run(run))) {
            return embedder.embed(data.heldOut(), 128, config.data().loaderThreads(), null);
        }
    }

    /** Every pair (i < j) of the held-out images: its cosine and whether the two share an identity. */
    static void allPairs(Embeddings e, List<Double> scores, List<Boolean> same) {
        for (int i = 0; i < e.size(); i++) {
            for (int j = i + 1; j < e.size(); j++) {
                scores.add(e.cosine(i, j));
                same.add(e.labels()[i] == e.labels()[j]);
            }
        }
    }
}
