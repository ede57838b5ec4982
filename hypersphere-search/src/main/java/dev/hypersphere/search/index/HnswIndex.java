package dev.hypersphere.search.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Approximate search on the templates' Lucene HNSW graphs (one per segment; the searcher merges the segments'
 * results). The graph is asked for {@code max(k, efSearch)} candidates, the best {@code k} are returned, with
 * Lucene's dot-product score turned back into the cosine. The reader is borrowed, not closed here.
 */
public final class HnswIndex implements VectorIndex {

    private static final Set<String> ID_ONLY = Set.of(LuceneTemplates.ID);

    private final IndexReader reader;
    private final IndexSearcher searcher;
    private final int efSearch;
    private final int dim;

    public HnswIndex(IndexReader reader, int dim, int efSearch) {
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.dim = dim;
        this.efSearch = efSearch;
    }

    @Override
    public List<Hit> search(float[] query, int k) throws IOException {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dim);
        }
        List<Hit> hits = new ArrayList<>();
        if (k <= 0 || reader.numDocs() == 0) {
            return hits;
        }
        int candidates = Math.max(k, efSearch);
        TopDocs top = searcher.search(new KnnFloatVectorQuery(LuceneTemplates.TEMPLATE, query, candidates), candidates);
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            if (hits.size() == k) {
                break;
            }
            hits.add(new Hit(stored.document(sd.doc, ID_ONLY).get(LuceneTemplates.ID), LuceneTemplates.cosineOfScore(sd.score)));
        }
        return hits;
    }

    @Override
    public int size() {
        return reader.numDocs();
    }

    @Override
    public IndexKind kind() {
        return IndexKind.HNSW;
    }
}
