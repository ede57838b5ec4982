package dev.hypersphere.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.hypersphere.data.loader.BatchLoader;
import dev.hypersphere.data.loader.LoaderOptions;
import dev.hypersphere.data.transform.Pipeline;
import dev.hypersphere.engine.HypersphereEngine;
import dev.hypersphere.head.Head;
import dev.hypersphere.head.Heads;
import dev.hypersphere.loss.CenterLoss;
import dev.hypersphere.model.Backbone;
import dev.hypersphere.model.BackboneSpec;
import dev.hypersphere.model.Backbones;
import dev.hypersphere.train.checkpoint.TrainingPosition;
import dev.hypersphere.train.config.TrainConfig;
import dev.hypersphere.train.embed.Embedder;
import dev.hypersphere.train.optim.AdamW;
import dev.hypersphere.train.optim.Optimizer;
import dev.hypersphere.train.optim.ParameterGroup;
import dev.hypersphere.train.optim.Sgd;
import dev.hypersphere.train.run.ModelDescription;
import dev.hypersphere.train.schedule.LearningRateSchedule;
import dev.hypersphere.train.setup.DataSetup;
import dev.hypersphere.train.validate.ClassificationValidator;
import dev.hypersphere.train.validate.VerificationProtocol;
import dev.hypersphere.train.validate.VerificationValidator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A training run's parts, built from its configuration before any file of the run is written: data opened and
 * split, backbone, head (and center loss) initialised, optimiser, schedule, validator (with its pairs) and loader
 * settings checked. Whatever in a configuration cannot run fails here, so that a failed start leaves no run folder
 * to block the same {@code --out}.
 */
final class PreparedRun implements AutoCloseable {

    final DataSetup data;
    final NDManager manager;
    final BackboneSpec spec;
    final Head head;
    final int classes;
    final Map<String, Block> blocks;
    final Optimizer optimizer;
    final TrainingStep step;
    final LearningRateSchedule schedule;
    final Trainer.Validator validator;
    final Trainer.Plan plan;
    private final TrainConfig config;
    private final LoaderOptions loaderOptions;

    private PreparedRun(TrainConfig config, DataSetup data, NDManager manager, PrintStream console) {
        this.config = config;
        this.data = data;
        this.manager = manager;
        TrainConfig.Train train = config.train();
        // Cheap checks first, with the config's key names (the loader would name only its own arguments).
        plan = new Trainer.Plan(train.steps(), train.logEvery(), train.validateEvery(), train.checkpointEvery());
        if (train.batchSize() < 1) {
            throw new IllegalArgumentException("train.batch-size must be >= 1, got " + train.batchSize());
        }
        if (data.train().size() < train.batchSize()) {
            throw new IllegalArgumentException("the training set holds fewer samples than one batch (" + data.train().size()
                    + " < " + train.batchSize() + "): lower train.batch-size");
        }
        if (config.data().loaderThreads() < 1) {
            throw new IllegalArgumentException("data.loader-threads must be >= 1, got " + config.data().loaderThreads());
        }
        if (train.keepCheckpoints() < 1) {
            throw new IllegalArgumentException("train.keep-checkpoints must be >= 1, got " + train.keepCheckpoints());
        }
        loaderOptions = LoaderOptions.training(train.batchSize(), config.data().loaderThreads(), train.seed());

        manager.getEngine().setRandomSeed((int) train.seed());
        spec = new BackboneSpec(config.model().backbone(), config.model().embeddingDim(),
                config.data().channels(), config.data().height(), config.data().width());
        Backbone backbone = Backbones.create(spec);
        backbone.initialize(manager, DataType.FLOAT32);
        classes = data.train().numClasses();
        head = Heads.create(config.head().name(), classes, spec.embeddingDim(), config.head().params());
        head.initialize(manager, DataType.FLOAT32, new Shape(train.batchSize(), spec.embeddingDim()));
        CenterLoss center = null;
        if (config.centerLoss().weight() > 0) {
            center = new CenterLoss(classes, spec.embeddingDim(), config.centerLoss().alpha());
            center.initialize(manager, DataType.FLOAT32, new Shape(train.batchSize(), spec.embeddingDim()));
        }
        blocks = new LinkedHashMap<>();
        blocks.put("backbone", backbone);
        blocks.put("head", head);
        if (center != null) {
            blocks.put("center", center);
        }

        List<Parameter> headParameters = new ArrayList<>(head.getParameters().values());
        List<ParameterGroup> groups = List.of(
                new ParameterGroup("backbone", backbone.trainableParameters(), 1.0, config.optimizer().weightDecay()),
                new ParameterGroup("head", headParameters, config.optimizer().headLrMultiplier(),
                        config.optimizer().headWeightDecay()));
        optimizer = optimizer(config.optimizer(), manager);
        step = new TrainingStep(manager, backbone, head, center, config.centerLoss().weight(), optimizer,
                groups, config.optimizer().clipGradNorm());
        TrainConfig.Schedule s = config.schedule();
        schedule = new LearningRateSchedule(config.optimizer().lr(), s.warmupSteps(),
                train.steps(), LearningRateSchedule.Decay.parse(s.decay()), s.milestones(), s.gamma(), s.power());

        int threads = config.data().loaderThreads();
        Embedder embedder = new Embedder(backbone, spec.embeddingDim(), data.preprocessing(), manager);
        VerificationProtocol protocol = VerificationProtocol.of(data.unseenIdentities());
        String what;
        Optional<String> warning = Optional.empty();
        switch (config.validation().mode().toLowerCase(Locale.ROOT)) {
            case "verification" -> {
                VerificationValidator verification = new VerificationValidator(embedder, data.heldOut(), protocol,
                        config.validation().pairs(), config.validation().folds(), train.seed(), 256, threads);
                warning = verification.capWarning();
                validator = verification;
                what = protocol.description() + ", %d held-out images of %d identities";
            }
            case "classification" -> {
                validator = new ClassificationValidator(embedder, head, data.heldOut(), manager, 256, threads);
                what = ClassificationValidator.DESCRIPTION + ", %d test images of %d classes";
            }
            default -> throw new IllegalArgumentException("validation.mode must be verification or classification; got '"
                    + config.validation().mode() + "'");
        }
        // Said up front, so that nobody reads a score on training identities as open-set.
        console.printf(Locale.ROOT, "validation: " + what + "%n", data.heldOut().size(), data.heldOut().numClasses());
        warning.ifPresent(w -> console.println("warning: " + w));
    }

    /** Opens the data and builds every part; closes what it opened if any of it fails. */
    static PreparedRun build(TrainConfig config, PrintStream console) throws IOException {
        HypersphereEngine.start(config.train().threads());
        DataSetup data = DataSetup.open(config.data());
        NDManager manager = null;
        try {
            manager = HypersphereEngine.newManager();
            return new PreparedRun(config, data, manager, console);
        } catch (RuntimeException | Error e) {
            if (manager != null) {
                manager.close();
            }
            data.close();
            throw e;
        }
    }

    /** What embed needs to rebuild the model (model.json). */
    ModelDescription description() {
        return new ModelDescription(spec, head.name(), config.head().params(), classes, data.preprocessing().evaluation(),
                data.train().classNames());
    }

    /** The training batches from any position (epoch, batch in epoch). */
    Function<TrainingPosition, BatchStream> batches() {
        Pipeline pipeline = Pipeline.training(data.preprocessing(), config.train().seed());
        return position -> new LoaderBatchStream(new BatchLoader(data.train(), pipeline, loaderOptions), position.epoch(),
                position.batchInEpoch());
    }

    private static Optimizer optimizer(TrainConfig.Optimizer o, NDManager manager) {
        return switch (o.name().toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Sgd(manager, o.momentum());
            case "adamw" -> new AdamW(manager);
            default -> throw new IllegalArgumentException("optimizer.name must be sgd or adamw; got '" + o.name() + "'");
        };
    }

    @Override
    public void close() throws IOException {
        manager.close();
        data.close();
    }
}
