#!/usr/bin/python3
"""One held-out evaluation of system (d) of learned-study.py: logistic regression trained on all of dev, allowed to add
a pillar only where the vocabulary's score for it is > 0, at the threshold chosen on dev (median over 5 repeats of
5-fold out-of-fold scores) for pillar precision >= 0.98 and no hard negative."""
import importlib.util
import json
import os
import sys
import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

HELDOUT, RULES_H = sys.argv[1], sys.argv[2]
sys.argv = [sys.argv[0]] + sys.argv[3:4]
spec = importlib.util.spec_from_file_location("ls", os.path.join(os.path.dirname(os.path.abspath(__file__)), "learned_study.py"))
ls = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ls)

idx = np.arange(ls.N)
thresholds = []
for rep in range(5):
    scores = np.zeros((ls.N, 6))
    for tr, te in StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=rep).split(idx, ls.STRATA, ls.GROUPS):
        scores[te] = ls.fit_predict("logreg", tr, te, False)
    thresholds.append(ls.pick_threshold("gated", scores, idx, 0.98))
t = float(np.median(thresholds))

H = [json.loads(l) for l in open(HELDOUT, encoding="utf-8") if l.strip()]
docs = [" ".join(ls.analyse((it["title"] + " ") * ls.TITLE_WEIGHT + it["text"], it["lang"])) for it in H]
vec = ls.vectorizer()
X = vec.fit_transform(ls.DOCS)
XH = vec.transform(docs)
sc = np.zeros((len(H), 6))
for k in range(6):
    sc[:, k] = ls.score_of(ls.make_model("logreg").fit(X, ls.Y[:, k]), XH)

rules = {o["id"]: o for o in (json.loads(l) for l in open(RULES_H, encoding="utf-8") if l.strip())}
RB = np.array([[p in {ls.PILLAR_IDS[q] for q in rules[it["id"]]["pillars"]} for p in ls.PILLARS] for it in H], dtype=int)
RS = np.array([[rules[it["id"]]["scores"][pid] for pid in ls.PILLAR_IDS] for it in H], dtype=float)
Y = np.array([[p in it["labels"] for p in ls.PILLARS] for it in H], dtype=int)
LANG = np.array([it["lang"] for it in H])
NAMED = np.array([bool(it["namesPillar"]) for it in H])
HARD = np.array(["NONE" in it["labels"] for it in H])


def macro(pred, sel):
    f = []
    for k in range(6):
        y, p = Y[sel, k], pred[sel, k]
        tp, fp, fn = int((y & p).sum()), int(((1 - y) & p).sum()), int((y & (1 - p)).sum())
        if tp + fp + fn:
            pr = 1.0 if tp + fp == 0 else tp / (tp + fp)
            rc = 1.0 if tp + fn == 0 else tp / (tp + fn)
            f.append(0.0 if pr + rc == 0 else 2 * pr * rc / (pr + rc))
    return float(np.mean(f)) if f else float("nan")


def row(name, pred, sel_all):
    cells = []
    for lang in ["en", "fr"]:
        L = (LANG == lang) & sel_all
        pos = L & ~HARD
        tp, fp = int((pred[L] * Y[L]).sum()), int((pred[L] * (1 - Y[L])).sum())
        cells += [f"{macro(pred, pos & NAMED):.3f}", f"{macro(pred, pos & ~NAMED):.3f}",
                  f"{1.0 if tp + fp == 0 else tp / (tp + fp):.3f}", f"{int((pred[L & HARD].sum(axis=1) > 0).sum())}/{int((L & HARD).sum())}"]
    print(f"| {name} | " + " | ".join(cells) + " |")


gated = np.maximum(RB, (sc >= t).astype(int) * (RS > 0))
print(f"threshold {t:.3f} (per repeat: {', '.join(f'{x:.3f}' for x in thresholds)})")
for label, sel in [("first 85", np.arange(len(H)) < 85), ("new 44", np.arange(len(H)) >= 85), ("all", np.ones(len(H), bool))]:
    row(f"{label}: vocabulary", RB, sel)
    row(f"{label}: vocabulary + learned (d)", gated, sel)
