#!/usr/bin/python3
"""Feasibility study: does a supervised pillar classifier (trained on dev.jsonl only) generalise better
than, or usefully complement, the rule-based vocabulary? Dev only; nothing here reads held-out data.

Usage, from the repository root:
  dotnet run --project tools/HumanSecurityAlerts.Cli -- classify tests/ClassificationData/dev.jsonl > rb-dev.jsonl
  python3 tools/studies/learned_study.py rb-dev.jsonl

Needs scikit-learn and snowballstemmer (Debian: python3-sklearn, python3-snowballstemmer).
"""
import json
import re
import warnings
import sys
import unicodedata
import urllib.parse
from collections import defaultdict

import numpy as np
import snowballstemmer
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

warnings.filterwarnings("ignore", message="The least populated class")
DEV = "tests/ClassificationData/dev.jsonl"
RULES = sys.argv[1] if len(sys.argv) > 1 else "rb-dev.jsonl"
PILLARS = ["PoC", "CAAC", "THB", "CRSV", "CPP", "WPS"]
PILLAR_IDS = {
    "protection-of-civilians": "PoC", "children-and-armed-conflict": "CAAC",
    "trafficking-in-human-beings": "THB", "conflict-related-sexual-violence": "CRSV",
    "cultural-property-protection": "CPP", "women-peace-and-security": "WPS",
}
OUTER_FOLDS, REPEATS, INNER_FOLDS = 5, 5, 4
TITLE_WEIGHT = 3  # the service weighs the title three times the body

# --------------------------------------------------------------------------- data
items = [json.loads(l) for l in open(DEV, encoding="utf-8") if l.strip()]
N = len(items)
Y = np.array([[p in it["labels"] for p in PILLARS] for it in items], dtype=int)
LANG = np.array([it["lang"] for it in items])
NAMED = np.array([bool(it["namesPillar"]) for it in items])
HARDNEG = np.array(["NONE" in it["labels"] for it in items])

rules = {}
for line in open(RULES, encoding="utf-8"):
    if line.strip():
        o = json.loads(line)
        rules[o["id"]] = o
RB_PRED = np.array([[p in {PILLAR_IDS[q] for q in rules[it["id"]]["pillars"]} for p in PILLARS]
                    for it in items], dtype=int)
RB_SCORE = np.array([[rules[it["id"]]["scores"][pid] for pid in PILLAR_IDS] for it in items], dtype=float)
assert list(PILLAR_IDS.values()) == PILLARS

# --------------------------------------------------------------------------- features
STEMMERS = {"fr": snowballstemmer.stemmer("french"), "en": snowballstemmer.stemmer("english")}
STOP = set("""le la les l un une des du de d au aux et ou en dans par pour sur avec sans sous ce cet cette ces
son sa ses leur leurs il elle ils elles on nous vous je qui que qu quoi dont ou est sont a ont ete etre avoir
fait plus ne pas se s c n y lui eux ainsi aussi comme mais donc or ni car entre apres avant depuis selon
the a an and or of to in on at by for with from as is are was were be been being has have had it its this
that these those which who whom whose their they them he she his her we our you your not no but than also
into about over after before between during such""".split())


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def analyse(text, lang):
    st = STEMMERS[lang]
    text = text.lower().replace("’", "'")
    out = []
    for tok in TOKEN.findall(text):  # apostrophes split l'enfant -> l, enfant
        if fold(tok) in STOP or len(tok) < 2:
            continue
        out.append(fold(st.stemWord(tok)))  # stem on the accented form, then fold accents
    return out


DOCS = [" ".join(analyse((it["title"] + " ") * TITLE_WEIGHT + it["text"], it["lang"])) for it in items]


def vectorizer():
    return TfidfVectorizer(analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2), min_df=2,
                           sublinear_tf=True, lowercase=False)


# --------------------------------------------------------------------------- groups (near-duplicates)
def near_duplicate_groups(threshold=0.5):
    v = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 1), sublinear_tf=True).fit_transform(DOCS)
    sim = cosine_similarity(v)
    parent = list(range(N))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = []
    for i in range(N):
        for j in range(i + 1, N):
            if sim[i, j] >= threshold:
                pairs.append((sim[i, j], items[i]["id"], items[j]["id"]))
                parent[find(i)] = find(j)
    return np.array([find(i) for i in range(N)]), sorted(pairs, reverse=True)


GROUPS, DUP_PAIRS = near_duplicate_groups()
DOMAINS = np.array([urllib.parse.urlparse(it.get("source", "")).netloc.removeprefix("www.") or it["id"]
                    for it in items])
# stratum: language + first label + one-or-more pillars (the README's split key)
STRATA = np.array([f'{it["lang"]}-{it["labels"][0]}-{len(it["labels"]) > 1}' for it in items])


# --------------------------------------------------------------------------- models
def make_model(kind):
    if kind == "logreg":
        return LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear", max_iter=2000)
    if kind == "svm":
        return LinearSVC(C=0.5, class_weight="balanced")
    if kind == "cnb":
        return ComplementNB(alpha=0.3)
    raise ValueError(kind)


def score_of(model, X):
    if hasattr(model, "predict_proba"):
        return model.predict_proba(X)[:, 1]
    d = model.decision_function(X)
    return 1 / (1 + np.exp(-2 * d))  # monotone squash so thresholds live in (0, 1); only the order matters


def fit_predict(kind, train, test, per_language):
    """Scores (len(test) x 6) of one-vs-rest models trained on `train`."""
    out = np.zeros((len(test), len(PILLARS)))
    langs = ["en", "fr"] if per_language else [None]
    for lang in langs:
        tr = train if lang is None else train[LANG[train] == lang]
        te_mask = np.ones(len(test), bool) if lang is None else LANG[test] == lang
        te = test[te_mask]
        if len(te) == 0:
            continue
        vec = vectorizer()
        Xtr = vec.fit_transform([DOCS[i] for i in tr])
        Xte = vec.transform([DOCS[i] for i in te])
        for k in range(len(PILLARS)):
            y = Y[tr, k]
            if y.sum() == 0:
                continue
            m = make_model(kind).fit(Xtr, y)
            out[te_mask, k] = score_of(m, Xte)
    return out


# --------------------------------------------------------------------------- combination rules
def combine(mode, scores, idx, t):
    learned = (scores >= t).astype(int)
    rb = RB_PRED[idx]
    if mode == "learned":
        return learned
    if mode == "union":
        return np.maximum(rb, learned)
    if mode == "gated":  # learned may add a pillar only where the rule-based score for it is non-zero
        return np.maximum(rb, learned * (RB_SCORE[idx] > 0))
    if mode == "nearmiss":  # ... only where the rule-based score reached 1.0 (the threshold is 2.25, 1.49 in war texts)
        return np.maximum(rb, learned * (RB_SCORE[idx] >= 1.0))
    raise ValueError(mode)


def pick_threshold(mode, scores, idx, target):
    """Lowest threshold whose predictions on `idx` keep pillar precision >= target and tag no hard negative."""
    cands = np.unique(np.concatenate([scores.ravel(), [1.01]]))
    for t in cands:  # ascending: first that passes = most recall
        if t <= 0.05:
            continue
        p = combine(mode, scores, idx, t)
        tp = (p * Y[idx]).sum()
        fp = (p * (1 - Y[idx])).sum()
        prec = 1.0 if tp + fp == 0 else tp / (tp + fp)
        if prec >= target and p[HARDNEG[idx]].sum() == 0:
            return t
    return 1.01


# --------------------------------------------------------------------------- metrics (as EvalCommand)
def f1(tp, fp, fn):
    p = 1.0 if tp + fp == 0 else tp / (tp + fp)
    r = 1.0 if tp + fn == 0 else tp / (tp + fn)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def macro_f1(pred, sel):
    f1s = []
    for k in range(len(PILLARS)):
        y, p = Y[sel, k], pred[sel, k]
        tp, fp, fn = int((y & p).sum()), int(((1 - y) & p).sum()), int((y & (1 - p)).sum())
        if tp + fp + fn:
            f1s.append(f1(tp, fp, fn))
    return float(np.mean(f1s)) if f1s else float("nan")


def summary(pred):
    """Per language: named macro-F1, unnamed macro-F1, pillar precision, hard negatives tagged."""
    res = {}
    for lang in ["en", "fr"]:
        L = LANG == lang
        pos = L & ~HARDNEG
        tp = int((pred[L] * Y[L]).sum())
        fp = int((pred[L] * (1 - Y[L])).sum())
        res[lang] = dict(named=macro_f1(pred, pos & NAMED), unnamed=macro_f1(pred, pos & ~NAMED),
                         precision=1.0 if tp + fp == 0 else tp / (tp + fp),
                         hardneg=int((pred[L & HARDNEG].sum(axis=1) > 0).sum()), nhard=int((L & HARDNEG).sum()),
                         fp=fp,
                         # pillar instances the rule-based output lacks: added right / added wrong
                         added_tp=int((pred[L] * Y[L] * (1 - RB_PRED[L])).sum()),
                         added_fp=int((pred[L] * (1 - Y[L]) * (1 - RB_PRED[L])).sum()),
                         missed=int((Y[L] * (1 - RB_PRED[L])).sum()),
                         # pillar instances of the rule-based output that are dropped (learned alone)
                         lost_tp=int((Y[L] * RB_PRED[L] * (1 - pred[L])).sum()))
    return res


# --------------------------------------------------------------------------- cross-validation
def run_cv(kind, per_language, modes_targets, group_by="neardup"):
    """Repeated stratified grouped k-fold; threshold chosen inside each training part by inner grouped CV."""
    groups = GROUPS if group_by == "neardup" else DOMAINS
    per_repeat = defaultdict(list)
    all_idx = np.arange(N)
    for rep in range(REPEATS):
        preds = {mt: np.zeros_like(Y) for mt in modes_targets}
        outer = StratifiedGroupKFold(n_splits=OUTER_FOLDS, shuffle=True, random_state=rep)
        for train, test in outer.split(all_idx, STRATA, groups):
            # inner out-of-fold scores on the training part, to choose thresholds without seeing `test`
            inner_scores = np.zeros((len(train), len(PILLARS)))
            inner = StratifiedGroupKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=100 + rep)
            for itr, ite in inner.split(train, STRATA[train], groups[train]):
                inner_scores[ite] = fit_predict(kind, train[itr], train[ite], per_language)
            test_scores = fit_predict(kind, train, test, per_language)
            for (mode, target) in modes_targets:
                t = pick_threshold(mode, inner_scores, train, target)
                preds[(mode, target)][test] = combine(mode, test_scores, test, t)
                per_repeat[("thr", mode, target)].append(t)
        for mt in modes_targets:
            per_repeat[mt].append(summary(preds[mt]))
    return per_repeat


def mean_std(runs, lang, key):
    v = np.array([r[lang][key] for r in runs], dtype=float)
    return v.mean(), v.std()


def fmt_row(name, runs):
    cells = []
    for lang in ["en", "fr"]:
        for key in ["named", "unnamed", "precision"]:
            m, s = mean_std(runs, lang, key)
            cells.append(f"{m:.3f}" + (f" ±{s:.3f}" if s > 0.0005 else ""))
        m, _ = mean_std(runs, lang, "hardneg")
        cells.append(f"{m:.1f}/{runs[0][lang]['nhard']}")
    return f"| {name} | " + " | ".join(cells) + " |"


HEADER = ("| system | EN named | EN unnamed | EN precision | EN hard neg. | FR named | FR unnamed | FR precision "
          "| FR hard neg. |\n|---|---|---|---|---|---|---|---|---|")


def top_features(kind="logreg", n=12):
    vec = vectorizer()
    X = vec.fit_transform(DOCS)
    names = np.array(vec.get_feature_names_out())
    out = {}
    for k, p in enumerate(PILLARS):
        m = make_model(kind).fit(X, Y[:, k])
        w = m.coef_.ravel() if hasattr(m, "coef_") else m.feature_log_prob_[1] - m.feature_log_prob_[0]
        order = np.argsort(-w)
        out[p] = list(names[order[:n]])
    return out


def main():
    print(f"dev texts {N}; near-duplicate pairs (cosine >= 0.5): {len(DUP_PAIRS)}")
    for s, a, b in DUP_PAIRS:
        print(f"  {s:.2f} {a} ~ {b}")
    print(f"groups: {len(set(GROUPS))} near-dup groups, {len(set(DOMAINS))} domains")

    rb = summary(RB_PRED)
    print("\n" + HEADER)
    print(fmt_row("(a) rule-based (tuned on all of dev: optimistic)", [rb]))

    targets = [0.95, 0.98, 1.0]
    mt = [(m, t) for m in ["learned", "union", "gated", "nearmiss"] for t in targets]
    results = {}
    configs = [("logreg", False), ("logreg", True), ("svm", False), ("cnb", False)]
    for kind, per_lang in configs:
        res = run_cv(kind, per_lang, mt)
        results[(kind, per_lang)] = res
        tag = f"{kind}{' per-language' if per_lang else ''}"
        for (mode, target) in mt:
            thr = np.array(res[("thr", mode, target)])
            label = {"learned": "(b) learned alone", "union": "(c) rule OR learned",
                     "gated": "(d) rule OR learned where rule score > 0",
                     "nearmiss": "(d') rule OR learned where rule score >= 1.0"}[mode]
            print(fmt_row(f"{label}, {tag}, inner target P>={target} (thr median {np.median(thr):.2f})",
                          res[(mode, target)]))
        sys.stdout.flush()

    # sensitivity: group folds by source domain instead of near-duplicate clusters
    res = run_cv("logreg", False, mt, group_by="domain")
    for (mode, target) in mt:
        print(fmt_row(f"domain-grouped folds: {mode}, logreg, target {target}", res[(mode, target)]))

    # counts behind the figures: what the learned part adds to / removes from the rule-based output
    print("\nCounts per repeat (mean), per language: false-positive pillars; pillars the rule-based output missed"
          " that were added right / added wrong; rule-based right pillars lost")
    for cfg, res in results.items():
        for (mode, target) in mt:
            runs = res[(mode, target)]
            cells = []
            for lang in ["en", "fr"]:
                g = lambda k: np.mean([r[lang][k] for r in runs])
                cells.append(f"{lang}: fp {g('fp'):.1f}, added {g('added_tp'):.1f}/{runs[0][lang]['missed']} right,"
                             f" {g('added_fp'):.1f} wrong, lost {g('lost_tp'):.1f}")
            print(f"  {cfg[0]}{' per-lang' if cfg[1] else ''} {mode} {target}: " + "; ".join(cells))
    print(f"  rule-based alone: en fp {rb['en']['fp']}, fr fp {rb['fr']['fp']}")

    print("\nTop weighted features per pillar (logreg on all dev; stemmed, accents folded):")
    tf = top_features("logreg")
    for p, feats in tf.items():
        print(f"  {p}: {', '.join(feats)}")
    site_tokens = set()
    for d in DOMAINS:
        site_tokens |= {t for t in re.split(r"[.\-]", d) if len(t) > 3 and t not in {"www", "info", "news"}}
    flagged = {p: [f for f in feats if any(t in f.split() for t in site_tokens)] for p, feats in tf.items()}
    print("  top features that are site-name tokens:", {p: v for p, v in flagged.items() if v} or "none")


if __name__ == "__main__":
    main()
