/**
 * Evaluation of embeddings on the hypersphere: face verification under the published protocols
 * ({@link dev.hypersphere.eval.verify}), closed- and open-set identification and retrieval
 * ({@link dev.hypersphere.eval.identify}), the geometry the margin papers argue about
 * ({@link dev.hypersphere.eval.geometry}), plots ({@link dev.hypersphere.eval.plot}) and reports
 * ({@link dev.hypersphere.eval.report}); inputs are read by {@link dev.hypersphere.eval.io}.
 */
package dev.hypersphere.eval;
