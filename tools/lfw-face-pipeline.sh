#!/usr/bin/env bash
# The face pipeline with a real-face model on LFW, end to end, as a user runs it (README "Real faces"):
#   calibrate at FAR 1e-3 on all pairs of the photos of LFW folds 0–2's people, enroll 100 people of folds 3–4 from one
#   photo each, identify their other photos (rank-1, accepted at the calibrated threshold) and the photos of 100 other
#   people of folds 3–4 never enrolled (open-set rejection), verify one same and one different pair, embed a folder.
# The model must not have trained on folds 0–4's people: experiment lfw's split-0 model (runs/faces-cpu-split0).
# Usage: tools/lfw-face-pipeline.sh MODEL_RUN_DIR OUT_DIR [DATA_DIR (default ../shared/data)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="$(cd "$1" && pwd)"; out="$2"; data="${3:-$root/../shared/data}"
detector="${HYPERSPHERE_DETECTOR:-$data/../models/yunet/yunet_s_dynamic.onnx}"
hs() { "$root/hypersphere" "$@"; }
mkdir -p "$out"; out="$(cd "$out" && pwd)"
if [[ ! -d "$out/photos" ]]; then
  mkdir -p "$out/photos.partial" && tar xzf "$data/lfw/lfw-deepfunneled.tar.gz" -C "$out/photos.partial"
  mv "$out/photos.partial/lfw-deepfunneled" "$out/photos" && rmdir "$out/photos.partial"
fi
# People of the folds (pairs.txt: per fold 300 'name n n' then 300 'name n name n' lines), the enrolled and the strangers.
python3 - "$data/lfw/pairs.txt" "$out" <<'PY'
import os, sys
pairs, out = sys.argv[1], sys.argv[2]
lines = [l.split() for l in open(pairs) if l.strip()]
folds, per = int(lines[0][0]), int(lines[0][1])
people = [set() for _ in range(folds)]
for i, t in enumerate(lines[1:]):
    people[i // (2 * per)].update([t[0]] if len(t) == 3 else [t[0], t[2]])
calib = sorted(set().union(*people[0:3]))
test = sorted(set().union(*people[3:5]))
photos = lambda p: sorted(os.path.join(out, "photos", p, f) for f in os.listdir(os.path.join(out, "photos", p)))
with open(os.path.join(out, "calibration-people.txt"), "w") as f:
    f.write("\n".join(calib) + "\n")
several = [p for p in test if len(photos(p)) >= 2]
enrolled, strangers = several[:100], [p for p in test if p not in several[:100]][:100]
with open(os.path.join(out, "enroll.tsv"), "w") as f:
    f.writelines(f"{p}\t{photos(p)[0]}\n" for p in enrolled)
with open(os.path.join(out, "probes.tsv"), "w") as f:
    f.writelines(f"{p}\t{ph}\tmated\n" for p in enrolled for ph in photos(p)[1:])
    f.writelines(f"{p}\t{ph}\tnon-mated\n" for p in strangers for ph in photos(p))
print(f"calibration: {len(calib)} people of folds 0-2; enrolled {len(enrolled)}, strangers {len(strangers)} of folds 3-4")
PY
common=(--model "$model" --detector "$detector" --faces central --flip)
[[ -f "$out/calibration/report.json" ]] || time hs eval all-pairs --images "$out/photos" --model "$model" --detector "$detector" --people "$out/calibration-people.txt" \
  --out "$out/calibration"
time hs calibrate "${common[@]}" --report "$out/calibration" --far 1e-3 --save model --json > "$out/calibration.json"
rm -rf "$out/gallery"
time hs gallery enroll "${common[@]}" --gallery "$out/gallery" --list "$out/enroll.tsv" --json > "$out/enroll.json"
time hs identify "${common[@]}" --gallery "$out/gallery" --top-k 5 --json $(cut -f2 "$out/probes.tsv") > "$out/identify.json"
bush=("$out"/photos/George_W_Bush/*); powell=("$out"/photos/Colin_Powell/*)   # (no `ls | head`: pipefail)
a="${bush[0]}"; b="${bush[1]}"; c="${powell[0]}"
hs verify "${common[@]}" --json "$a" "$b" > "$out/verify-same.json"
hs verify "${common[@]}" --json "$a" "$c" > "$out/verify-different.json"
time hs face embed "${common[@]}" --out "$out/embed/bush.npy" "$out/photos/George_W_Bush"
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
probes = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "probes.tsv"))]
doc = json.load(open(os.path.join(out, "identify.json")))
results = doc["results"]
assert len(results) == len(probes), (len(results), len(probes))
mated = [(p, r) for (p, _, kind), r in zip(probes, results) if kind == "mated"]
non = [(p, r) for (p, _, kind), r in zip(probes, results) if kind == "non-mated"]
face = lambda r: r["faces"][0] if r.get("faces") else None
rank1 = sum(1 for p, r in mated if face(r) and face(r)["top_k"][0]["id"] == p) / len(mated)
accepted = sum(1 for p, r in mated if face(r) and face(r)["decision"] == p) / len(mated)
false_alarms = sum(1 for p, r in non if face(r) and face(r)["decision"] != "unknown") / len(non)
cal = json.load(open(os.path.join(out, "calibration.json")))
summary = {"calibration": {k: cal.get(k) for k in ("threshold", "far_target", "far_achieved", "tar", "positives", "negatives")},
           "enrolled_people": json.load(open(os.path.join(out, "enroll.json")))["identities"],
           "mated_probes": len(mated), "non_mated_probes": len(non),
           "rank1": rank1, "mated_accepted_as_the_right_person": accepted, "non_mated_accepted": false_alarms,
           "verify_same": json.load(open(os.path.join(out, "verify-same.json"))),
           "verify_different": json.load(open(os.path.join(out, "verify-different.json")))}
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print(json.dumps({k: v for k, v in summary.items() if not k.startswith("verify")}, indent=2))
PY
