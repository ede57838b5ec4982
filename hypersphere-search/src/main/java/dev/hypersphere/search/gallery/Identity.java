package dev.hypersphere.search.gallery;

import java.util.List;

/** An enrolled identity: its id, how many embeddings its template averages, and their source files. */
public record Identity(String id, int embeddings, List<String> sources) {}
