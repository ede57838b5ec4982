package dev.hypersphere.search.gallery;

import java.io.IOException;

/** Test hook: called at each step of a write, so that a test can fail there as a crash would. */
@FunctionalInterface
interface GalleryFaults {

    /** Documents are in the index writer, nothing committed. */
    String DOCUMENTS_WRITTEN = "documents-written";
    /** The new Lucene commit is on disk, gallery.json still names the old one. */
    String INDEX_COMMITTED = "index-committed";

    GalleryFaults NONE = step -> { };

    void at(String step) throws IOException;
}
