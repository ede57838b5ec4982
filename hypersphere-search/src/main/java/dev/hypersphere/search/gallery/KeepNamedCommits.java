package dev.hypersphere.search.gallery;

import java.util.List;
import java.util.Set;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexDeletionPolicy;

/**
 * Keeps the Lucene commits a gallery may still need: the newest (about to be named by gallery.json), the one
 * gallery.json names now, and the few it named before (readers that read the old gallery.json open those).
 * Anything else, such as the commit of a write that crashed before switching gallery.json, is deleted.
 */
final class KeepNamedCommits extends IndexDeletionPolicy {

    private final Set<Long> keep;

    KeepNamedCommits(Set<Long> keep) {
        this.keep = Set.copyOf(keep);
    }

    @Override
    public void onInit(List<? extends IndexCommit> commits) {
        // Nothing is deleted before this writer commits: a crash now must leave every named commit in place.
    }

    @Override
    public void onCommit(List<? extends IndexCommit> commits) {
        for (int i = 0; i < commits.size() - 1; i++) {
            IndexCommit commit = commits.get(i);
            if (!keep.contains(commit.getGeneration())) {
                commit.delete();
            }
        }
    }
}
