package dev.hypersphere.search.index;

/** One search result: an identity and the cosine similarity of its template to the query. */
public record Hit(String id, float cosine) {}
