package dev.hypersphere.search.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * How a gallery identity is laid out as one Lucene document: its id (indexed, stored), how many embeddings were
 * enrolled and their sum in float64 (stored, so that enrolling more images later updates the mean exactly),
 * the file names they came from, and the unit template as an HNSW-indexed vector compared by dot product.
 */
public final class LuceneTemplates {

    public static final String ID = "id";
    public static final String COUNT = "count";
    public static final String SUM = "sum";
    public static final String SOURCE = "source";
    public static final String TEMPLATE = "template";
    /** Lucene's default limit on indexed vector dimensions. */
    public static final int MAX_DIM = 1024;

    private LuceneTemplates() {
    }

    /** The stored state of one identity. */
    public record Entry(String id, int count, double[] sum, List<String> sources) {}

    /**
     * Lucene logs once that the incubating Vector API is not enabled; the command line should not show that line.
     * Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
     */
    private static final Logger VECTORIZATION_LOG = Logger.getLogger("org.apache.lucene.internal.vectorization");

    static {
        VECTORIZATION_LOG.setLevel(Level.SEVERE);
    }

    /** Call before the first Lucene class is used by a command (keeps its start-up log line quiet). */
    public static void init() {
        // the static initialiser does the work
    }

    /** The codec that writes template graphs with {@code params}. */
    public static Codec codec(HnswParams params) {
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(params.m(), params.beamWidth());
        return new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    public static Term idTerm(String id) {
        return new Term(ID, id);
    }

    public static Document document(Entry entry, float[] template) {
        Document doc = new Document();
        doc.add(new StringField(ID, entry.id(), Field.Store.YES));
        doc.add(new StoredField(COUNT, entry.count()));
        doc.add(new StoredField(SUM, new BytesRef(toBytes(entry.sum()))));
        for (String source : entry.sources()) {
            doc.add(new StoredField(SOURCE, source));
        }
        doc.add(new KnnFloatVectorField(TEMPLATE, template, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    public static Entry entry(Document doc) {
        List<String> sources = new ArrayList<>();
        for (IndexableField f : doc.getFields(SOURCE)) {
            sources.add(f.stringValue());
        }
        BytesRef sum = doc.getBinaryValue(SUM);
        return new Entry(doc.get(ID), doc.getField(COUNT).numericValue().intValue(),
                fromBytes(sum.bytes, sum.offset, sum.length), sources);
    }

    /** Lucene's DOT_PRODUCT score is (1 + cos) / 2 for unit vectors: back to the cosine. */
    public static float cosineOfScore(float score) {
        return 2 * score - 1;
    }

    private static byte[] toBytes(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buffer.putDouble(v);
        }
        return buffer.array();
    }

    private static double[] fromBytes(byte[] bytes, int offset, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[length / Double.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getDouble();
        }
        return out;
    }
}
