package dev.hypersphere.experiment.lfw;

import dev.hypersphere.data.SampleSource;
import dev.hypersphere.data.image.ImageEncoder;
import dev.hypersphere.data.recordio.RecordIoPacker;
import dev.hypersphere.data.recordio.RecordIoSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The training pack of one cross-training split under LFW's unrestricted, labeled protocol: every aligned CelebA
 * identity plus every LFW person with at least two aligned photos who is not in the split's test folds (people in no
 * pair join every split), repacked losslessly (PNG) from the aligned packs.
 */
final class LfwTrainingSet {

    static final String CELEBA = "celeba/";
    static final String LFW = "lfw/";

    private LfwTrainingSet() {}

    /** Writes {@code out}.rec …; returns the pack's summary. */
    static RecordIoPacker.Result write(Path celebaRec, Path lfwRec, Set<String> testPeople, Path out, int threads,
            RecordIoPacker.Progress progress) throws IOException {
        try (SampleSource celeba = RecordIoSource.open(celebaRec, 3);
             SampleSource lfw = RecordIoSource.open(lfwRec, 3)) {
            CombinedSource combined = new CombinedSource(
                    List.of(new CombinedSource.Part(celeba, CELEBA), new CombinedSource.Part(lfw, LFW)),
                    name -> !(name.startsWith(LFW) && testPeople.contains(name.substring(LFW.length()))), 2);
            RecordIoPacker.Options options = RecordIoPacker.Options.defaults().withEncoding(ImageEncoder.Encoding.PNG)
                    .withThreads(threads);
            return RecordIoPacker.pack(combined, out, options, progress);
        }
    }
}
