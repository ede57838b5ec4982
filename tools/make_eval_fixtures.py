#!/usr/bin/python3
"""Reference values for hypersphere-eval: each verification protocol run as its authors published it, ROC/AUC
from scikit-learn, EER and VAL@FAR from SciPy, retrieval metrics as pytorch-metric-learning defines them.

The protocols are written here the way their reference code writes them (numpy, sklearn.model_selection.KFold,
scipy.interpolate.interp1d), independently of the Java code:
  - insightface  recognition/arcface_torch/eval/verification.py: calculate_roc / calculate_accuracy /
                 calculate_val (squared L2 distance, thresholds np.arange(0, 4, 0.01), KFold(10, shuffle=False),
                 first argmax on the training folds; VAL@FAR=1e-3 with np.arange(0, 4, 0.001) and interp1d 'slinear')
  - SphereFace   test/code/evaluation.m (MATLAB, ported line by line): folds ceil(i / (n/10)), mean of the
                 training-fold features subtracted, cosine, thresholds (-10000:10000)/10000, threshold = mean of
                 all maximising thresholds, accuracy with strict > for same and strict < for different
  - FaceX-Zoo    test_protocol/lfw/lfw_evaluator.py: float32 scores, 1000 thresholds min + step·k, argmax(TPR − FPR)
  - OpenSphere   dataset/utils.py get_metrics: best accuracy over sklearn's ROC on all pairs, EER by brentq on
                 interp1d(fpr, tpr), TPR@FPR by interp1d
  - pytorch-metric-learning AccuracyCalculator: precision_at_1, r_precision, mean_average_precision_at_r, with k
                 the largest label count (capped at 1023) and the query itself left out when query = reference

Run from the repository root (Debian's python3-numpy, python3-sklearn, python3-scipy):
    /usr/bin/python3 tools/make_eval_fixtures.py
It rewrites hypersphere-eval/src/test/resources/reference/*.json.
"""
import json
import math
import os

import numpy as np
from scipy.interpolate import BSpline
from scipy.interpolate import interp1d
from scipy.optimize import brentq
from sklearn import metrics
from sklearn.model_selection import KFold

OUT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-eval", "src", "test", "resources", "reference")
os.makedirs(OUT, exist_ok=True)


def pair_cosines(rng, n, grid_ties=0):
    """n pairs alternating blocks of same/different as LFW's folds do; cosines of two overlapping bells."""
    same = np.zeros(n, dtype=bool)
    fold = n // 10
    for f in range(10):
        start = f * fold
        same[start:start + fold // 2] = True
    cos = np.where(same, rng.normal(0.55, 0.2, n), rng.normal(0.05, 0.2, n)).clip(-0.999, 0.999)
    return cos, same


# ---------------------------------------------------------------- insightface

def ins_calculate_accuracy(threshold, dist, actual_issame):
    predict_issame = np.less(dist, threshold)
    tp = np.sum(np.logical_and(predict_issame, actual_issame))
    fp = np.sum(np.logical_and(predict_issame, np.logical_not(actual_issame)))
    tn = np.sum(np.logical_and(np.logical_not(predict_issame), np.logical_not(actual_issame)))
    fn = np.sum(np.logical_and(np.logical_not(predict_issame), actual_issame))
    tpr = 0 if (tp + fn == 0) else float(tp) / float(tp + fn)
    fpr = 0 if (fp + tn == 0) else float(fp) / float(fp + tn)
    acc = float(tp + tn) / dist.size
    return tpr, fpr, acc


def ins_calculate_roc(thresholds, dist, actual_issame, nrof_folds=10):
    nrof_pairs = len(actual_issame)
    nrof_thresholds = len(thresholds)
    k_fold = KFold(n_splits=nrof_folds, shuffle=False)
    tprs = np.zeros((nrof_folds, nrof_thresholds))
    fprs = np.zeros((nrof_folds, nrof_thresholds))
    accuracy = np.zeros(nrof_folds)
    best = np.zeros(nrof_folds)
    indices = np.arange(nrof_pairs)
    for fold_idx, (train_set, test_set) in enumerate(k_fold.split(indices)):
        acc_train = np.zeros(nrof_thresholds)
        for threshold_idx, threshold in enumerate(thresholds):
            _, _, acc_train[threshold_idx] = ins_calculate_accuracy(threshold, dist[train_set], actual_issame[train_set])
        best_threshold_index = np.argmax(acc_train)
        for threshold_idx, threshold in enumerate(thresholds):
            tprs[fold_idx, threshold_idx], fprs[fold_idx, threshold_idx], _ = ins_calculate_accuracy(
                threshold, dist[test_set], actual_issame[test_set])
        _, _, accuracy[fold_idx] = ins_calculate_accuracy(thresholds[best_threshold_index], dist[test_set],
                                                          actual_issame[test_set])
        best[fold_idx] = thresholds[best_threshold_index]
    return np.mean(tprs, 0), np.mean(fprs, 0), accuracy, best


def ins_calculate_val_far(threshold, dist, actual_issame):
    predict_issame = np.less(dist, threshold)
    true_accept = np.sum(np.logical_and(predict_issame, actual_issame))
    false_accept = np.sum(np.logical_and(predict_issame, np.logical_not(actual_issame)))
    n_same = np.sum(actual_issame)
    n_diff = np.sum(np.logical_not(actual_issame))
    return float(true_accept) / float(n_same), float(false_accept) / float(n_diff)


def legacy_slinear(x, y):
    """interp1d(x, y, kind='slinear') as SciPy computed it when insightface wrote calculate_val.

    far_train repeats values (a step function of the threshold); SciPy >= 1.9 refuses that ("Expect x to not have
    duplicates"), earlier releases sorted x stably (argsort kind='mergesort') and built the degree-1 B-spline with
    knots r_[x[0], x, x[-1]] and coefficients y (make_interp_spline's k=1 special case). That is done here.
    """
    order = np.argsort(x, kind="mergesort")
    xs, ys = x[order], y[order]
    return BSpline(np.r_[xs[0], xs, xs[-1]], ys, 1)


def ins_calculate_val(thresholds, dist, actual_issame, far_target, nrof_folds=10):
    nrof_thresholds = len(thresholds)
    k_fold = KFold(n_splits=nrof_folds, shuffle=False)
    val = np.zeros(nrof_folds)
    far = np.zeros(nrof_folds)
    chosen = np.zeros(nrof_folds)
    indices = np.arange(len(actual_issame))
    for fold_idx, (train_set, test_set) in enumerate(k_fold.split(indices)):
        far_train = np.zeros(nrof_thresholds)
        for threshold_idx, threshold in enumerate(thresholds):
            _, far_train[threshold_idx] = ins_calculate_val_far(threshold, dist[train_set], actual_issame[train_set])
        if np.max(far_train) >= far_target:
            f = legacy_slinear(far_train, thresholds)
            threshold = f(far_target)
        else:
            threshold = 0.0
        chosen[fold_idx] = threshold
        val[fold_idx], far[fold_idx] = ins_calculate_val_far(threshold, dist[test_set], actual_issame[test_set])
    return np.mean(val), np.std(val), np.mean(far), chosen


def insightface_case(name, rng, n, exact_grid_values):
    cos, same = pair_cosines(rng, n)
    dist = 2.0 - 2.0 * cos
    grid = np.arange(0, 4, 0.01)
    # Some distances exactly on the threshold grid, to pin down the strict '<' of calculate_accuracy.
    pick = rng.choice(n, exact_grid_values, replace=False)
    dist[pick] = grid[rng.integers(60, 180, exact_grid_values)]
    _, _, accuracy, best = ins_calculate_roc(grid, dist, same)
    val, val_std, far, chosen = ins_calculate_val(np.arange(0, 4, 0.001), dist, same, 1e-3)
    return {"name": name, "dist": dist.tolist(), "same": same.tolist(), "fold_accuracy": accuracy.tolist(),
            "fold_threshold": best.tolist(), "accuracy": float(np.mean(accuracy)), "accuracy_std": float(np.std(accuracy)),
            "val": float(val), "val_std": float(val_std), "far": float(far), "val_fold_threshold": chosen.tolist()}


# ---------------------------------------------------------------- SphereFace (evaluation.m, ported)

def sphereface_get_accuracy(scores, flags, threshold):
    return (np.count_nonzero(scores[flags == 1] > threshold) + np.count_nonzero(scores[flags != 1] < threshold)) / len(scores)


def sphereface_get_threshold(scores, flags, thr_num):
    accuracys = np.zeros(2 * thr_num + 1)
    thresholds = np.arange(-thr_num, thr_num + 1) / thr_num
    for i in range(2 * thr_num + 1):
        accuracys[i] = sphereface_get_accuracy(scores, flags, thresholds[i])
    return np.mean(thresholds[accuracys == np.max(accuracys)])


def sphereface_case(name, rng, n, d):
    same = pair_cosines(rng, n)[1]
    centre = rng.normal(0, 1, d) * 2.0                    # a common offset that the mean subtraction removes
    left = rng.normal(0, 1, (n, d)) + centre
    right = np.where(same[:, None], left + rng.normal(0, 1.2, (n, d)), rng.normal(0, 1, (n, d)) + centre)
    left = left.astype(np.float32).astype(np.float64)     # what a float32 embedding file holds
    right = right.astype(np.float32).astype(np.float64)
    flags = np.where(same, 1, -1)
    fold = np.ceil(np.arange(1, n + 1) / (n // 10)).astype(int)
    accs, thresholds = [], []
    for i in range(1, 11):
        val_fold = np.where(fold != i)[0]
        test_fold = np.where(fold == i)[0]
        mu = np.mean(np.concatenate([left[val_fold], right[val_fold]], axis=0), axis=0)
        fl = left - mu
        fr = right - mu
        fl = fl / np.sqrt(np.sum(fl ** 2, axis=1, keepdims=True))
        fr = fr / np.sqrt(np.sum(fr ** 2, axis=1, keepdims=True))
        scores = np.sum(fl * fr, axis=1)
        threshold = sphereface_get_threshold(scores[val_fold], flags[val_fold], 10000)
        accs.append(sphereface_get_accuracy(scores[test_fold], flags[test_fold], threshold))
        thresholds.append(threshold)
    return {"name": name, "left": left.tolist(), "right": right.tolist(), "same": same.tolist(),
            "fold_accuracy": accs, "fold_threshold": thresholds, "accuracy": float(np.mean(accs)),
            "accuracy_std": float(np.std(accs))}


# ---------------------------------------------------------------- FaceX-Zoo (lfw_evaluator.py)

def facexzoo_get_threshold(score_list, label_list, num_thresholds=1000):
    pos_score_list = score_list[label_list == 1]
    neg_score_list = score_list[label_list == 0]
    pos_pair_nums = pos_score_list.size
    neg_pair_nums = neg_score_list.size
    score_max = np.max(score_list)
    score_min = np.min(score_list)
    score_span = score_max - score_min
    step = score_span / num_thresholds
    threshold_list = score_min + step * np.array(range(1, num_thresholds + 1))
    fpr_list, tpr_list = [], []
    for threshold in threshold_list:
        fpr_list.append(np.sum(neg_score_list > threshold) / neg_pair_nums)
        tpr_list.append(np.sum(pos_score_list > threshold) / pos_pair_nums)
    best_index = np.argmax(np.array(tpr_list) - np.array(fpr_list))
    return threshold_list[best_index]


def facexzoo_case(name, rng, n):
    cos, same = pair_cosines(rng, n)
    per = n // 10
    scores = cos.astype(np.float32).reshape(10, per)
    labels = same.astype(np.int8).reshape(10, per)
    subset_train = np.array([True] * 10)
    accs, thresholds = [], []
    for subset_idx in range(10):
        test_score_list = scores[subset_idx]
        test_label_list = labels[subset_idx]
        subset_train[subset_idx] = False
        train_score_list = scores[subset_train].flatten()
        train_label_list = labels[subset_train].flatten()
        subset_train[subset_idx] = True
        best_thres = facexzoo_get_threshold(train_score_list, train_label_list)
        true_pos = np.sum(test_score_list[test_label_list == 1] > best_thres)
        true_neg = np.sum(test_score_list[test_label_list == 0] < best_thres)
        accs.append((true_pos + true_neg) / per)
        thresholds.append(float(best_thres))
    return {"name": name, "scores": scores.flatten().astype(np.float64).tolist(), "same": same.tolist(),
            "fold_accuracy": [float(a) for a in accs], "fold_threshold": thresholds, "accuracy": float(np.mean(accs)),
            "accuracy_std": float(np.std(accs)), "standard_error": float(np.std(accs, ddof=1) / np.sqrt(10))}


# ---------------------------------------------------------------- OpenSphere (get_metrics) and ROC

def opensphere_case(name, rng, n, decimals):
    cos, same = pair_cosines(rng, n)
    scores = np.round(cos, decimals)                      # ties, as low-precision scores have
    labels = same.astype(int).tolist()
    fpr, tpr, thr = metrics.roc_curve(labels, scores, pos_label=1)
    roc_curve = interp1d(fpr, tpr)
    eer = brentq(lambda x: 1. - x - roc_curve(x), 0., 1.)
    auc = metrics.auc(fpr, tpr)
    tnr = 1. - fpr
    pos_num = labels.count(1)
    neg_num = labels.count(0)
    acc_curve = tpr * pos_num + tnr * neg_num
    acc = max(acc_curve) / len(labels)
    best = int(np.argmax(acc_curve))
    tpr_at = {str(f): float(roc_curve(f)) for f in [1e-1, 1e-2]}
    full_fpr, full_tpr, full_thr = metrics.roc_curve(labels, scores, drop_intermediate=False)
    return {"name": name, "scores": scores.tolist(), "same": same.tolist(), "accuracy": float(acc),
            "threshold": float(thr[best]), "eer": float(eer), "auc": float(auc),
            "auc_score": float(metrics.roc_auc_score(labels, scores)), "tpr_at_fpr_interpolated": tpr_at,
            "roc_fpr": fpr.tolist(), "roc_tpr": tpr.tolist(), "roc_thresholds": thr[1:].tolist(),
            "full_fpr": full_fpr.tolist(), "full_tpr": full_tpr.tolist(), "full_thresholds": full_thr[1:].tolist()}


# ---------------------------------------------------------------- pytorch-metric-learning AccuracyCalculator

def pml_metrics(query, reference, query_labels, reference_labels, same_source):
    """Brute-force k-NN (Euclidean on L2-normalised rows, as PML's default LpDistance) and PML's three formulas."""
    q = query / np.linalg.norm(query, axis=1, keepdims=True)
    r = reference / np.linalg.norm(reference, axis=1, keepdims=True)
    unique, counts = np.unique(reference_labels, return_counts=True)
    num_k = int(min(1023, np.max(counts)))
    dist = np.sqrt(np.maximum(0, ((q[:, None, :] - r[None, :, :]) ** 2).sum(-1)))
    if same_source:
        np.fill_diagonal(dist, np.inf)                   # leave the query itself out (PML asks for k + 1, drops self)
    order = np.argsort(dist, axis=1, kind="stable")[:, :num_k]
    knn_labels = reference_labels[order]
    count_of = dict(zip(unique.tolist(), counts.tolist()))
    p1, rp, mapr = [], [], []
    for row, label in enumerate(query_labels):
        r_count = count_of.get(label, 0) - (1 if same_source else 0)
        if r_count < 1:
            continue                                      # a "lone" query: PML leaves it out
        r_count = min(r_count, num_k)
        hits = knn_labels[row] == label
        p1.append(float(hits[0]))
        rp.append(hits[:r_count].sum() / r_count)
        cumulative = np.cumsum(hits[:r_count])
        precision_at = cumulative * hits[:r_count] / np.arange(1, r_count + 1)
        mapr.append(precision_at.sum() / r_count)
    return {"precision_at_1": float(np.mean(p1)), "r_precision": float(np.mean(rp)),
            "mean_average_precision_at_r": float(np.mean(mapr)), "k": num_k, "queries_used": len(p1)}


def retrieval_case(name, rng, n_classes, per_class, d, same_source):
    labels = np.repeat(np.arange(n_classes), per_class)
    centres = rng.normal(0, 1, (n_classes, d))
    x = (centres[labels] + rng.normal(0, 0.9, (len(labels), d))).astype(np.float32)
    if same_source:
        result = pml_metrics(x.astype(np.float64), x.astype(np.float64), labels, labels, True)
        return {"name": name, "same_source": True, "query": x.astype(np.float64).tolist(), "query_labels": labels.tolist(),
                **result}
    ref_labels = labels
    q_labels = np.concatenate([labels[::3], np.array([n_classes + 5])])   # one query with no match: left out
    q = (centres[np.minimum(q_labels, n_classes - 1)] + rng.normal(0, 0.9, (len(q_labels), d))).astype(np.float32)
    result = pml_metrics(q.astype(np.float64), x.astype(np.float64), q_labels, ref_labels, False)
    return {"name": name, "same_source": False, "query": q.astype(np.float64).tolist(), "query_labels": q_labels.tolist(),
            "reference": x.astype(np.float64).tolist(), "reference_labels": ref_labels.tolist(), **result}


def write(name, cases):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"generator": "tools/make_eval_fixtures.py", "cases": cases}, f, separators=(",", ":"))
        f.write("\n")


def main():
    rng = np.random.default_rng(20240611)
    write("insightface", [insightface_case("lfw-sized", rng, 6000, 40), insightface_case("uneven-folds", rng, 1234, 12)])
    write("sphereface", [sphereface_case("d8-1200", rng, 1200, 8)])
    write("facexzoo", [facexzoo_case("lfw-sized", rng, 6000)])
    write("opensphere", [opensphere_case("ties-2-decimals", rng, 600, 2), opensphere_case("fine", rng, 2000, 6)])
    write("retrieval", [retrieval_case("same-source", rng, 12, 9, 6, True), retrieval_case("query-reference", rng, 10, 7, 5, False)])
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
