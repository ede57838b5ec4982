package dev.hypersphere.search.gallery;

import dev.hypersphere.search.index.ExactIndex;
import dev.hypersphere.search.index.HnswIndex;
import dev.hypersphere.search.index.IndexKind;
import dev.hypersphere.search.index.LuceneTemplates;
import dev.hypersphere.search.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * A read-only view of a gallery at one moment: the manifest read once and the Lucene commit it names, opened.
 * Writes that happen afterwards are not seen (the commit's files stay readable while it is open). Close it.
 */
public final class GallerySnapshot implements AutoCloseable {

    /** How often opening retries when a writer deleted the named commit between reading the manifest and opening it. */
    private static final int OPEN_ATTEMPTS = 3;

    private final GalleryManifest manifest;
    private final Directory directory;
    private final DirectoryReader reader;
    private ExactIndex exact;

    private GallerySnapshot(GalleryManifest manifest, Directory directory, DirectoryReader reader) {
        this.manifest = manifest;
        this.directory = directory;
        this.reader = reader;
    }

    static GallerySnapshot open(Path dir) throws IOException {
        LuceneTemplates.init();
        Path indexDir = dir.resolve(Gallery.INDEX_DIR);
        for (int attempt = 1; ; attempt++) {
            GalleryManifest manifest = GalleryManifest.read(dir);
            Directory directory = FSDirectory.open(indexDir);
            try {
                IndexCommit commit = findCommit(directory, indexDir, manifest.generation());
                return new GallerySnapshot(manifest, directory, DirectoryReader.open(commit));
            } catch (GalleryFormatException e) {
                directory.close();
                if (attempt == OPEN_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                directory.close();
                throw e;
            }
        }
    }

    /** The commit of {@code generation}; its absence is a gallery format error naming the index folder. */
    static IndexCommit findCommit(Directory directory, Path indexDir, long generation) throws IOException {
        List<IndexCommit> commits;
        try {
            commits = DirectoryReader.listCommits(directory);
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            throw new GalleryFormatException(indexDir, "no Lucene index here; expected the gallery's index (generation "
                    + generation + " named by " + GalleryManifest.FILE + ")");
        }
        for (IndexCommit c : commits) {
            if (c.getGeneration() == generation) {
                return c;
            }
        }
        throw new GalleryFormatException(indexDir, "commit generation " + generation + " named by " + GalleryManifest.FILE
                + " is missing (found " + commits.stream().map(IndexCommit::getGeneration).toList() + ")");
    }

    public GalleryManifest manifest() {
        return manifest;
    }

    /** Identities in the snapshot. */
    public int size() {
        return reader.numDocs();
    }

    /** Every identity, by id. */
    public List<Identity> identities() throws IOException {
        List<Identity> out = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader r = leaf.reader();
            Bits live = r.getLiveDocs();
            StoredFields stored = r.storedFields();
            for (int doc = 0; doc < r.maxDoc(); doc++) {
                if (live == null || live.get(doc)) {
                    LuceneTemplates.Entry e = LuceneTemplates.entry(stored.document(doc));
                    out.add(new Identity(e.id(), e.count(), e.sources()));
                }
            }
        }
        out.sort(Comparator.comparing(Identity::id));
        return out;
    }

    /** The index of the given kind over this snapshot (the exact one loads all templates once). */
    public VectorIndex index(IndexKind kind) throws IOException {
        return kind == IndexKind.HNSW ? new HnswIndex(reader, manifest.dim(), manifest.hnsw().efSearch()) : exactIndex();
    }

    /** HNSW search with another ef than the gallery's. */
    public VectorIndex hnsw(int efSearch) {
        return new HnswIndex(reader, manifest.dim(), efSearch);
    }

    private synchronized ExactIndex exactIndex() throws IOException {
        if (exact == null) {
            int n = reader.numDocs();
            int dim = manifest.dim();
            String[] ids = new String[n];
            float[][] rows = new float[n][];
            int row = 0;
            java.util.Set<String> idOnly = java.util.Set.of(LuceneTemplates.ID);
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                FloatVectorValues values = r.getFloatVectorValues(LuceneTemplates.TEMPLATE);
                if (values == null) {
                    continue;
                }
                Bits live = r.getLiveDocs();
                StoredFields stored = r.storedFields();
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    rows[row] = values.vectorValue(it.index()).clone();   // the reader reuses its array
                    ids[row++] = stored.document(doc, idOnly).get(LuceneTemplates.ID);
                }
            }
            if (row != n) {
                throw new IOException("gallery index holds " + n + " identities but " + row + " templates");
            }
            exact = new ExactIndex(ids, rows, dim);
        }
        return exact;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
