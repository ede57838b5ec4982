#!/usr/bin/python3
"""A verification protocol for the ORL / AT&T faces in LFW's pairs.txt format, made once with a fixed seed.

ORL has 40 people (s1..s40) with 10 images each (sN/1.pgm .. sN/10.pgm). The people are shuffled and split into
10 folds of 4, so identities never cross folds (a fold's test people are unseen when the threshold is chosen on
the other nine, as in LFW View 2). Each fold holds every same pair of its people (4 × C(10, 2) = 180) and as many
different pairs, drawn without replacement from the 6 × 100 cross-person pairs of the fold. Lines are
`s1<TAB>3<TAB>7` (same) and `s1<TAB>3<TAB>s2<TAB>5` (different), first line `10<TAB>180`; image i of sN is orl/sN/i.pgm.

Run from the repository root (standard library only):
    /usr/bin/python3 tools/make_orl_pairs.py
It rewrites hypersphere-eval/src/main/resources/dev/hypersphere/eval/protocols/orl_pairs.txt (used as
`--pairs builtin:orl`).
"""
import itertools
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "hypersphere-eval", "src", "main", "resources", "dev", "hypersphere",
                   "eval", "protocols", "orl_pairs.txt")
SEED = 20240611
PEOPLE = [f"s{i}" for i in range(1, 41)]
IMAGES = range(1, 11)
FOLDS = 10
PER_FOLD = 4


def main():
    rng = random.Random(SEED)
    people = PEOPLE[:]
    rng.shuffle(people)
    folds = [sorted(people[f * PER_FOLD:(f + 1) * PER_FOLD], key=lambda s: int(s[1:])) for f in range(FOLDS)]
    per_side = PER_FOLD * len(list(itertools.combinations(IMAGES, 2)))
    lines = [f"{FOLDS}\t{per_side}"]
    for fold in folds:
        same = [(p, a, b) for p in fold for a, b in itertools.combinations(IMAGES, 2)]
        cross = [(p, a, q, b) for p, q in itertools.combinations(fold, 2) for a in IMAGES for b in IMAGES]
        different = sorted(rng.sample(cross, per_side), key=lambda t: (int(t[0][1:]), t[1], int(t[2][1:]), t[3]))
        assert len(same) == len(different) == per_side
        lines += [f"{p}\t{a}\t{b}" for p, a, b in same]
        lines += [f"{p}\t{a}\t{q}\t{b}" for p, a, q, b in different]
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", OUT, len(lines) - 1, "pairs; folds:", [" ".join(f) for f in folds])


if __name__ == "__main__":
    main()
