package dev.hypersphere.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact search on hand-made templates whose ranking is seen by looking. */
class ExactIndexTest {

    private static final float S = (float) Math.sqrt(0.5);

    @Test
    void ranksByCosineWithTiesByInsertionOrder() {
        // a = e1, b = e2, c = (e1+e2)/√2, d = e1 again (ties with a), e = −e1
        String[] ids = {"a", "b", "c", "d", "e"};
        float[] rows = {1, 0, 0, 0, 1, 0, S, S, 0, 1, 0, 0, -1, 0, 0};
        ExactIndex index = ExactIndex.ofRows(ids, rows, 3);
        List<Hit> hits = index.search(new float[] {1, 0, 0}, 4);
        assertEquals(List.of("a", "d", "c", "b"), hits.stream().map(Hit::id).toList());
        assertEquals(1f, hits.get(0).cosine());
        assertEquals(S, hits.get(2).cosine(), 1e-7);
        assertEquals(0f, hits.get(3).cosine());
        // More asked than held: all of them, the opposite one last at −1.
        List<Hit> all = index.search(new float[] {1, 0, 0}, 10);
        assertEquals(5, all.size());
        assertEquals(new Hit("e", -1f), all.get(4));
    }

    @Test
    void batchedSearchOnTheEngineAgreesWithTheScan() {
        java.util.Random random = new java.util.Random(3);
        int n = 2500;   // more than one block of references
        int dim = 12;
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "id" + i;
        }
        ExactIndex index = ExactIndex.ofRows(ids, dev.hypersphere.search.testing.Vectors.unitRows(random, n, dim), dim);
        float[] queries = dev.hypersphere.search.testing.Vectors.unitRows(random, 20, dim);
        List<List<Hit>> batched = index.searchAll(queries, 5);
        for (int q = 0; q < 20; q++) {
            List<Hit> scanned = index.search(java.util.Arrays.copyOfRange(queries, q * dim, (q + 1) * dim), 5);
            assertEquals(scanned.stream().map(Hit::id).toList(), batched.get(q).stream().map(Hit::id).toList());
            for (int i = 0; i < 5; i++) {
                assertEquals(scanned.get(i).cosine(), batched.get(q).get(i).cosine(), 1e-5);
            }
        }
    }

    @Test
    void wrongQueryDimensionIsAnError() {
        ExactIndex index = ExactIndex.ofRows(new String[] {"a"}, new float[] {1, 0}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.search(new float[3], 1));
        assertEquals("query has 3 dimensions, the index 2", e.getMessage());
    }

    @Test
    void resolvesTheIndexBySizeOrByName() {
        assertEquals(IndexKind.EXACT, IndexChoice.resolve("auto", IndexChoice.HNSW_FROM - 1).kind());
        assertEquals(IndexKind.HNSW, IndexChoice.resolve(null, IndexChoice.HNSW_FROM).kind());
        assertEquals(IndexKind.HNSW, IndexChoice.resolve("hnsw", 3).kind());
        assertEquals(IndexKind.EXACT, IndexChoice.resolve("EXACT", 1_000_000).kind());
        assertThrows(IllegalArgumentException.class, () -> IndexChoice.resolve("faiss", 3));
    }
}
