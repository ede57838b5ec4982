package dev.hypersphere.search.gallery;

import dev.hypersphere.search.calibrate.Calibration;
import dev.hypersphere.search.index.HnswParams;
import dev.hypersphere.search.index.LuceneTemplates;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * A gallery folder: identities enrolled from face embeddings, each one template (the normalised mean of its unit
 * embeddings), searchable exactly or through Lucene's HNSW graph.
 *
 * <p>Layout: {@code gallery.json} (the manifest: format version, embedder id and dimension, HNSW parameters,
 * calibration, and the Lucene commit that is the current state) and {@code index/} (a Lucene index, one document
 * per identity). A write (enroll, remove) takes the folder's lock, opens an index writer on the commit the
 * manifest names, commits a new Lucene commit, and only then replaces {@code gallery.json} atomically. A crash
 * anywhere before that rename leaves the manifest naming the old commit, which is still on disk: the gallery is as
 * before, and the next writer starts from the old commit (the crashed one's is deleted). Readers
 * ({@link #snapshot()}) open the commit the manifest names and keep seeing it whatever is written after.
 *
 * <p>Instances hold only the path: every operation reads the manifest afresh.
 */
public final class Gallery {

    public static final String INDEX_DIR = "index";
    private static final int MAX_ID_LENGTH = 200;

    private final Path dir;
    private final GalleryFaults faults;

    private Gallery(Path dir, GalleryFaults faults) {
        this.dir = dir;
        this.faults = faults;
    }

    public Path dir() {
        return dir;
    }

    /** Opens an existing gallery (its manifest must be readable). */
    public static Gallery open(Path dir) throws IOException {
        LuceneTemplates.init();
        GalleryManifest.read(dir);
        return new Gallery(dir, GalleryFaults.NONE);
    }

    /**
     * Opens the gallery at {@code dir} for the given embedder, creating it if the folder does not exist or is
     * empty. An existing gallery built with another embedder is an error.
     */
    public static Gallery openOrCreate(Path dir, String modelId, int dim, HnswParams hnsw) throws IOException {
        LuceneTemplates.init();
        if (!Files.exists(dir.resolve(GalleryManifest.FILE)) && isAbsentOrEmpty(dir)) {
            create(dir, modelId, dim, hnsw);
        }
        Gallery gallery = open(dir);
        gallery.requireModel(modelId, dim);
        return gallery;
    }

    /** Same as {@link #open} with a fault hook for tests. */
    static Gallery open(Path dir, GalleryFaults faults) throws IOException {
        GalleryManifest.read(dir);
        return new Gallery(dir, faults);
    }

    /** The manifest as it is now on disk. */
    public GalleryManifest manifest() throws IOException {
        return GalleryManifest.read(dir);
    }

    /** Fails with one clear message unless the gallery was built with this embedder. */
    public void requireModel(String modelId, int dim) throws IOException {
        GalleryManifest m = manifest();
        if (!m.modelId().equals(modelId) || m.dim() != dim) {
            throw new IllegalArgumentException("gallery " + dir + " was built with model " + m.modelId() + " (dim " + m.dim()
                    + "), not with " + modelId + " (dim " + dim + "): use that model, or enroll into a new gallery");
        }
    }

    /**
     * Creates an empty gallery: built in a temporary folder beside {@code dir} and renamed into place, so that a
     * crash leaves either no gallery or a complete one.
     */
    public static Gallery create(Path dir, String modelId, int dim, HnswParams hnsw) throws IOException {
        LuceneTemplates.init();
        if (dim < 1 || dim > LuceneTemplates.MAX_DIM) {
            throw new IllegalArgumentException("embedding dimension must be in 1.." + LuceneTemplates.MAX_DIM + " for a gallery, got " + dim);
        }
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("a gallery needs the embedder's model id");
        }
        Path target = dir.toAbsolutePath().normalize();
        if (!isAbsentOrEmpty(target)) {
            throw new IllegalArgumentException(target + " exists and is not empty, and has no " + GalleryManifest.FILE
                    + ": not a gallery; choose a new or empty folder");
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".creating-");
        try {
            long generation;
            try (Directory index = FSDirectory.open(temp.resolve(INDEX_DIR));
                 IndexWriter writer = new IndexWriter(index, new IndexWriterConfig()
                         .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                         .setCodec(LuceneTemplates.codec(hnsw))
                         .setCommitOnClose(false))) {
                writer.commit();
                generation = SegmentInfos.readLatestCommit(index).getGeneration();
            }
            String now = Instant.now().toString();
            new GalleryManifest(GalleryManifest.FORMAT_VERSION, modelId, dim, now, now, generation, List.of(), hnsw, 0, 0, null)
                    .write(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
                // Another process created it first: use theirs (the caller checks the model).
            }
        } finally {
            deleteTree(temp);
        }
        return new Gallery(target, GalleryFaults.NONE);
    }

    /** What a write changed. */
    public record WriteResult(List<String> added, List<String> updated, List<String> removed, int identities, long generation) {}

    /** Adds embeddings to one identity (created if new). */
    public WriteResult enroll(Enrollment enrollment) throws IOException {
        return enrollAll(List.of(enrollment));
    }

    /** Adds embeddings to several identities in one atomic write. */
    public WriteResult enrollAll(List<Enrollment> enrollments) throws IOException {
        if (enrollments.isEmpty()) {
            throw new IllegalArgumentException("nothing to enroll");
        }
        try (GalleryLock lock = GalleryLock.acquire(dir)) {
            GalleryManifest manifest = manifest();
            // Enrollments of one id are merged; sums are formed one identity at a time, as documents are written.
            Map<String, List<Enrollment>> merged = new LinkedHashMap<>();
            for (Enrollment e : enrollments) {
                String id = requireId(e.id());
                if (e.embeddings().isEmpty()) {
                    throw new IllegalArgumentException("no embeddings to enroll for '" + id + "'");
                }
                merged.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            }
            return write(manifest, (writer, base, added, updated, removed) -> {
                long embeddings = 0;
                for (Map.Entry<String, List<Enrollment>> m : merged.entrySet()) {
                    String id = m.getKey();
                    Accumulated acc = new Accumulated(manifest.dim());
                    for (Enrollment e : m.getValue()) {
                        for (int i = 0; i < e.embeddings().size(); i++) {
                            acc.add(e.embeddings().get(i), id, i);
                        }
                        acc.sources.addAll(e.sources());
                    }
                    LuceneTemplates.Entry old = find(base, id);
                    double[] sum = acc.sum;
                    int count = acc.count;
                    List<String> sources = new ArrayList<>();
                    if (old != null) {
                        for (int k = 0; k < sum.length; k++) {
                            sum[k] += old.sum()[k];
                        }
                        count += old.count();
                        sources.addAll(old.sources());
                    }
                    sources.addAll(acc.sources);
                    float[] template = template(sum, id);
                    writer.updateDocument(LuceneTemplates.idTerm(id),
                            LuceneTemplates.document(new LuceneTemplates.Entry(id, count, sum, sources), template));
                    (old == null ? added : updated).add(id);
                    embeddings += acc.count;
                }
                return embeddings;
            });
        }
    }

    /** Removes one identity; an id that is not there is an error and changes nothing. */
    public WriteResult remove(String id) throws IOException {
        try (GalleryLock lock = GalleryLock.acquire(dir)) {
            GalleryManifest manifest = manifest();
            return write(manifest, (writer, base, added, updated, removed) -> {
                LuceneTemplates.Entry old = find(base, id);
                if (old == null) {
                    throw new IllegalArgumentException("no identity '" + id + "' in gallery " + dir);
                }
                writer.deleteDocuments(LuceneTemplates.idTerm(id));
                removed.add(id);
                return -old.count();
            });
        }
    }

    /**
     * Merges the index into one segment (one HNSW graph): searches then visit one graph instead of one per segment.
     * Worth it after a bulk enrollment; atomic like every write.
     */
    public WriteResult compact() throws IOException {
        try (GalleryLock lock = GalleryLock.acquire(dir)) {
            return write(manifest(), (writer, base, added, updated, removed) -> {
                writer.forceMerge(1);
                return 0;
            });
        }
    }

    /** Stores a threshold calibration in the manifest (replacing any earlier one). */
    public void setCalibration(Calibration calibration) throws IOException {
        try (GalleryLock lock = GalleryLock.acquire(dir)) {
            manifest().withCalibration(calibration, Instant.now().toString()).write(dir);
        }
    }

    /** A consistent read-only view of the gallery as it is now; close it when done. */
    public GallerySnapshot snapshot() throws IOException {
        return GallerySnapshot.open(dir);
    }

    @FunctionalInterface
    private interface Change {
        /** Applies the change to {@code writer}; returns the change in the number of embeddings. */
        long apply(IndexWriter writer, IndexSearcher base, List<String> added, List<String> updated, List<String> removed)
                throws IOException;
    }

    private WriteResult write(GalleryManifest manifest, Change change) throws IOException {
        Path indexDir = dir.resolve(INDEX_DIR);
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        long next;
        int identities;
        long embeddingsDelta;
        try (Directory index = FSDirectory.open(indexDir)) {
            IndexCommit commit = GallerySnapshot.findCommit(index, indexDir, manifest.generation());
            Set<Long> keep = new HashSet<>(manifest.previousGenerations());
            keep.add(manifest.generation());
            IndexWriterConfig config = new IndexWriterConfig()
                    .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                    .setIndexCommit(commit)
                    .setIndexDeletionPolicy(new KeepNamedCommits(keep))
                    .setCodec(LuceneTemplates.codec(manifest.hnsw()))
                    .setRAMBufferSizeMB(256)
                    // Merges (which rebuild HNSW graphs) on the writing thread: one core, not a background pool.
                    .setMergeScheduler(new SerialMergeScheduler())
                    // Closing without commit must throw the change away, as a crash would.
                    .setCommitOnClose(false);
            try (DirectoryReader baseReader = DirectoryReader.open(commit);
                 IndexWriter writer = new IndexWriter(index, config)) {
                embeddingsDelta = change.apply(writer, new IndexSearcher(baseReader), added, updated, removed);
                faults.at(GalleryFaults.DOCUMENTS_WRITTEN);
                writer.commit();
                identities = writer.getDocStats().numDocs;
                next = SegmentInfos.readLatestCommit(index).getGeneration();
            } catch (LockObtainFailedException e) {
                throw new IOException(indexDir + " is locked by another writer; try again when it is done", e);
            }
        }
        faults.at(GalleryFaults.INDEX_COMMITTED);
        manifest.advance(next, identities, manifest.embeddings() + embeddingsDelta, Instant.now().toString()).write(dir);
        return new WriteResult(added, updated, removed, identities, next);
    }

    private static LuceneTemplates.Entry find(IndexSearcher searcher, String id) throws IOException {
        TopDocs top = searcher.search(new TermQuery(LuceneTemplates.idTerm(id)), 1);
        if (top.scoreDocs.length == 0) {
            return null;
        }
        return LuceneTemplates.entry(searcher.storedFields().document(top.scoreDocs[0].doc));
    }

    /** Sum of unit embeddings, in float64. */
    private static final class Accumulated {
        final double[] sum;
        final List<String> sources = new ArrayList<>();
        int count;

        Accumulated(int dim) {
            sum = new double[dim];
        }

        void add(float[] embedding, String id, int index) {
            if (embedding.length != sum.length) {
                throw new IllegalArgumentException("embedding " + index + " of '" + id + "' has " + embedding.length
                        + " dimensions, the gallery " + sum.length);
            }
            double norm = 0;
            for (float v : embedding) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("embedding " + index + " of '" + id + "' has a non-finite value");
                }
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            if (norm < 1e-12) {
                throw new IllegalArgumentException("embedding " + index + " of '" + id + "' is all zeros");
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] += embedding[k] / norm;
            }
            count++;
        }
    }

    private static float[] template(double[] sum, String id) {
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm < 1e-9) {
            throw new IllegalArgumentException("the embeddings of '" + id + "' cancel out (their mean is zero): no template");
        }
        float[] t = new float[sum.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = (float) (sum[k] / norm);
        }
        return t;
    }

    /** Checks a person's id: not empty, at most 200 characters, no control characters or surrounding spaces. */
    public static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an identity id must not be empty");
        }
        if (!id.equals(id.strip()) || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("identity id '" + id + "' must be at most " + MAX_ID_LENGTH
                    + " characters, without control characters or surrounding spaces");
        }
        return id;
    }

    private static boolean isAbsentOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
