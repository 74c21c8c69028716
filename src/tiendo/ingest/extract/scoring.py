"""Score extracted records against hand labels of the same schema.

The definitions are those the extractor is measured by:

- targets match when year, comparator, value and high end agree and the
  lines are at most 2 apart; tasks when the group agrees within 1 line;
  duties when the kind agrees within 3 lines. Matching is greedy: each
  predicted record, in order, takes the nearest unused label that agrees.
- precision, recall and F1 over all documents; core recall over labels with
  ``core`` true; unit and kind accuracy over matched targets; lead accuracy
  over matched tasks whose label has a lead (one containing the other,
  ignoring case); deadline accuracy over matched tasks whose label has a
  deadline; frequency accuracy over matched duties, due accuracy over
  matched duties whose label has a due rule.
- document field accuracy over province, issuer, doc_type, number, date and
  signer of every labelled document.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

LINE_SLACK_TARGET = 2
LINE_SLACK_TASK = 1
LINE_SLACK_REGIME = 3
DOCUMENT_FIELDS = ("province", "issuer", "doc_type", "number", "date", "signer")
LABEL_FILES = ("documents", "targets", "tasks", "regimes")


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc
    return rows


def load_labels(folder: Path) -> dict[str, list[dict]]:
    """The four label files of a folder (missing ones are empty)."""
    labels = {}
    for name in LABEL_FILES:
        path = Path(folder) / f"{name}.jsonl"
        labels[name] = load_jsonl(path) if path.exists() else []
    return labels


def _nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match(
    gold: list[dict], pred: list[dict], agrees: Callable[[dict, dict], bool], slack: int
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: each prediction takes the nearest unused label."""
    used: set[int] = set()
    pairs = []
    for pi, p in enumerate(pred):
        best = None
        for gi, g in enumerate(gold):
            if gi in used or not agrees(g, p):
                continue
            try:
                distance = abs(int(g.get("line", 0)) - int(p.get("line", 0)))
            except (TypeError, ValueError):
                continue
            if distance <= slack and (best is None or distance < best[0]):
                best = (distance, gi)
        if best is not None:
            used.add(best[1])
            pairs.append((best[1], pi))
    return pairs


def _target_agrees(g: dict, p: dict) -> bool:
    return (
        g.get("year") == p.get("year")
        and g.get("op") == p.get("op")
        and _same_number(g.get("value"), p.get("value"))
        and _same_number(g.get("value_max"), p.get("value_max"))
    )


def _task_agrees(g: dict, p: dict) -> bool:
    return str(g.get("group")) == str(p.get("group"))


def _regime_agrees(g: dict, p: dict) -> bool:
    return g.get("kind") == p.get("kind")


def _by_doc(rows: Iterable[dict], docs: set[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r.get("doc") in docs:
            out[r["doc"]].append(r)
    return out


@dataclass
class Report:
    """Figures of one scoring run; ``as_dict`` has the full breakdown."""

    docs: list[str]
    targets: dict = field(default_factory=dict)
    tasks: dict = field(default_factory=dict)
    regimes: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "docs": self.docs,
            "targets": self.targets,
            "tasks": self.tasks,
            "regimes": self.regimes,
            "documents": self.documents,
        }


def score(
    predicted: Iterable[dict], labels: dict[str, list[dict]], docs: Iterable[str] | None = None
) -> Report:
    """Score predicted records (with a ``type`` field) against ``labels``."""
    all_docs = {r["doc"] for rows in labels.values() for r in rows}
    wanted = set(docs) if docs else all_docs
    pred: dict[str, list[dict]] = defaultdict(list)
    for r in predicted:
        pred[r.get("type")].append({k: _nfc(v) for k, v in r.items()})
    report = Report(docs=sorted(wanted))

    g_t, p_t = _by_doc(labels["targets"], wanted), _by_doc(pred["target"], wanted)
    tp = n_pred = n_gold = n_core = tp_core = unit_ok = kind_ok = matched = 0
    per_doc = {}
    for d in sorted(wanted):
        gs, ps = g_t.get(d, []), p_t.get(d, [])
        pairs = match(gs, ps, _target_agrees, LINE_SLACK_TARGET)
        core = [g for g in gs if g.get("core", True)]
        core_hit = sum(1 for gi, _ in pairs if gs[gi].get("core", True))
        tp += len(pairs)
        n_pred += len(ps)
        n_gold += len(gs)
        n_core += len(core)
        tp_core += core_hit
        for gi, pi in pairs:
            matched += 1
            unit_ok += gs[gi].get("unit") == ps[pi].get("unit")
            kind_ok += gs[gi].get("kind") == ps[pi].get("kind")
        p, r, f = prf(len(pairs), len(ps), len(gs))
        per_doc[d] = {
            "gold": len(gs),
            "pred": len(ps),
            "tp": len(pairs),
            "precision": p,
            "recall": r,
            "f1": f,
            "core_recall": core_hit / len(core) if core else 1.0,
        }
    p, r, f = prf(tp, n_pred, n_gold)
    report.targets = {
        "gold": n_gold,
        "pred": n_pred,
        "tp": tp,
        "precision": p,
        "recall": r,
        "f1": f,
        "core_recall": tp_core / n_core if n_core else 1.0,
        "unit_accuracy": unit_ok / matched if matched else None,
        "kind_accuracy": kind_ok / matched if matched else None,
        "per_doc": per_doc,
    }

    g_k, p_k = _by_doc(labels["tasks"], wanted), _by_doc(pred["task"], wanted)
    tp = n_pred = n_gold = lead_ok = lead_n = dl_ok = dl_n = 0
    per_doc = {}
    for d in sorted(wanted):
        gs, ps = g_k.get(d, []), p_k.get(d, [])
        pairs = match(gs, ps, _task_agrees, LINE_SLACK_TASK)
        tp += len(pairs)
        n_pred += len(ps)
        n_gold += len(gs)
        for gi, pi in pairs:
            if gs[gi].get("lead"):
                lead_n += 1
                gold_lead = _nfc(gs[gi]["lead"]).lower()
                lead_ok += (
                    gold_lead in _nfc(ps[pi].get("lead") or "").lower()
                    or _nfc(ps[pi].get("lead") or "-").lower() in gold_lead
                )
            if gs[gi].get("deadline"):
                dl_n += 1
                dl_ok += str(gs[gi]["deadline"]) == str(ps[pi].get("deadline"))
        _, _, f_ = prf(len(pairs), len(ps), len(gs))
        per_doc[d] = {"gold": len(gs), "pred": len(ps), "tp": len(pairs), "f1": f_}
    p, r, f = prf(tp, n_pred, n_gold)
    report.tasks = {
        "gold": n_gold,
        "pred": n_pred,
        "tp": tp,
        "precision": p,
        "recall": r,
        "f1": f,
        "lead_accuracy": lead_ok / lead_n if lead_n else None,
        "deadline_accuracy": dl_ok / dl_n if dl_n else None,
        "per_doc": per_doc,
    }

    g_r, p_r = _by_doc(labels["regimes"], wanted), _by_doc(pred["regime"], wanted)
    tp = n_pred = n_gold = freq_ok = due_ok = due_n = 0
    for d in sorted(wanted):
        gs, ps = g_r.get(d, []), p_r.get(d, [])
        pairs = match(gs, ps, _regime_agrees, LINE_SLACK_REGIME)
        tp += len(pairs)
        n_pred += len(ps)
        n_gold += len(gs)
        for gi, pi in pairs:
            freq_ok += _norm_freq(gs[gi].get("frequency")) == _norm_freq(ps[pi].get("frequency"))
            if gs[gi].get("due") is not None:
                due_n += 1
                due_ok += gs[gi]["due"] == ps[pi].get("due")
    p, r, f = prf(tp, n_pred, n_gold)
    report.regimes = {
        "gold": n_gold,
        "pred": n_pred,
        "tp": tp,
        "precision": p,
        "recall": r,
        "f1": f,
        "frequency_accuracy": freq_ok / tp if tp else None,
        "due_accuracy": due_ok / due_n if due_n else None,
    }

    gdocs = {g["doc"]: g for g in labels["documents"] if g["doc"] in wanted}
    pdocs = {p["doc"]: p for p in pred["document"] if p.get("doc") in wanted}
    ok = n = 0
    per_field: dict[str, list[int]] = {k: [0, 0] for k in DOCUMENT_FIELDS}
    for d, g in gdocs.items():
        p = pdocs.get(d, {})
        for k in DOCUMENT_FIELDS:
            n += 1
            same = _nfc(g.get(k)) == _nfc(p.get(k))
            ok += same
            per_field[k][0] += same
            per_field[k][1] += 1
    report.documents = {
        "field_accuracy": ok / n if n else None,
        "fields": n,
        "per_field": {k: (a / b if b else None) for k, (a, b) in per_field.items()},
    }
    return report


def _norm_freq(value):
    return sorted(value) if isinstance(value, list) else value


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def format_report(report: Report) -> str:
    """The figures as lines of text, in the layout of the reference scorer."""
    t, k, g = report.targets, report.tasks, report.regimes
    lines = [
        "targets   P {}  R {}  F1 {}  core-R {}  unit {}  kind {}  ({} gold, {} predicted)".format(
            _fmt(t["precision"]),
            _fmt(t["recall"]),
            _fmt(t["f1"]),
            _fmt(t["core_recall"]),
            _fmt(t["unit_accuracy"]),
            _fmt(t["kind_accuracy"]),
            t["gold"],
            t["pred"],
        )
    ]
    for d, s in t["per_doc"].items():
        lines.append(
            f"  {d}: F1 {_fmt(s['f1'])}  core-R {_fmt(s['core_recall'])}  ({s['gold']} gold, {s['pred']} predicted)"
        )
    lines.append(
        "tasks     P {}  R {}  F1 {}  lead {}  deadline {}  ({} gold, {} predicted)".format(
            _fmt(k["precision"]),
            _fmt(k["recall"]),
            _fmt(k["f1"]),
            _fmt(k["lead_accuracy"]),
            _fmt(k["deadline_accuracy"]),
            k["gold"],
            k["pred"],
        )
    )
    lines.append(
        "regimes   P {}  R {}  F1 {}  frequency {}  due {}".format(
            _fmt(g["precision"]),
            _fmt(g["recall"]),
            _fmt(g["f1"]),
            _fmt(g["frequency_accuracy"]),
            _fmt(g["due_accuracy"]),
        )
    )
    lines.append("documents field accuracy {}".format(_fmt(report.documents["field_accuracy"])))
    return "\n".join(lines)


#: the bars the extractor must reach (measured figure name -> minimum)
BARS = {
    ("targets", "f1"): 0.95,
    ("targets", "core_recall"): 0.97,
    ("targets", "unit_accuracy"): 0.95,
    ("targets", "kind_accuracy"): 0.95,
    ("tasks", "f1"): 0.90,
    ("tasks", "lead_accuracy"): 0.90,
    ("tasks", "deadline_accuracy"): 0.90,
    ("regimes", "f1"): 0.90,
    ("documents", "field_accuracy"): 0.90,
}


def shortfalls(report: Report, margin: float = 0.0) -> list[str]:
    """The bars ``report`` misses, each as "section.figure value < bar"."""
    figures = report.as_dict()
    missed = []
    for (section, name), bar in BARS.items():
        value = figures[section].get(name)
        if value is not None and value < bar - margin:
            missed.append(f"{section}.{name} {value:.3f} < {bar - margin:.2f}")
    return missed
