"""The scoring definitions, on small hand-made cases."""

from tiendo.ingest.extract.scoring import format_report, score, shortfalls


def labels(**kw):
    base = {"documents": [], "targets": [], "tasks": [], "regimes": []}
    base.update(kw)
    return base


def test_targets_match_on_year_op_and_values_within_two_lines():
    gold = [
        {
            "doc": "a",
            "line": 10,
            "year": 2030,
            "op": ">=",
            "value": 50,
            "value_max": None,
            "unit": "%",
            "kind": "level",
            "core": True,
        },
        {
            "doc": "a",
            "line": 20,
            "year": 2030,
            "op": "=",
            "value": 3,
            "value_max": None,
            "unit": "số",
            "kind": "level",
            "core": False,
        },
    ]
    pred = [
        {
            "type": "target",
            "doc": "a",
            "line": 12,
            "year": 2030,
            "op": ">=",
            "value": 50.0,
            "value_max": None,
            "unit": "% GRDP",
            "kind": "level",
        },
        {
            "type": "target",
            "doc": "a",
            "line": 23,
            "year": 2030,
            "op": "=",
            "value": 3,
            "value_max": None,
            "unit": "số",
            "kind": "level",
        },
    ]
    report = score(pred, labels(targets=gold))
    t = report.targets
    assert (t["tp"], t["precision"], t["recall"]) == (1, 0.5, 0.5)
    assert t["core_recall"] == 1.0
    assert t["unit_accuracy"] == 0.0 and t["kind_accuracy"] == 1.0


def test_greedy_matching_takes_the_nearest_label():
    gold = [
        {"doc": "a", "line": 5, "group": "1"},
        {"doc": "a", "line": 6, "group": "1", "lead": "Sở Nội vụ"},
    ]
    pred = [{"type": "task", "doc": "a", "line": 6, "group": "1", "lead": "sở nội vụ chủ trì"}]
    report = score(pred, labels(tasks=gold))
    assert report.tasks["tp"] == 1 and report.tasks["lead_accuracy"] == 1.0


def test_regimes_and_documents():
    gold_r = [
        {
            "doc": "a",
            "line": 40,
            "kind": "report",
            "frequency": ["annual", "quarterly"],
            "due": {"day": 15, "month": "last_of_period"},
        }
    ]
    pred_r = [
        {
            "type": "regime",
            "doc": "a",
            "line": 43,
            "kind": "report",
            "frequency": ["quarterly", "annual"],
            "due": {"day": 15, "month": "last_of_period"},
        }
    ]
    gold_d = [
        {
            "doc": "a",
            "province": "Hà Giang",
            "issuer": "UBND tỉnh",
            "doc_type": "Kế hoạch",
            "number": None,
            "date": None,
            "signer": "X",
        }
    ]
    pred_d = [
        {
            "type": "document",
            "doc": "a",
            "province": "Hà Giang",
            "issuer": "UBND tỉnh",
            "doc_type": "Kế hoạch",
            "number": None,
            "date": None,
            "signer": "Y",
        }
    ]
    report = score(pred_r + pred_d, labels(regimes=gold_r, documents=gold_d))
    assert report.regimes["f1"] == 1.0 and report.regimes["frequency_accuracy"] == 1.0
    assert report.regimes["due_accuracy"] == 1.0
    assert abs(report.documents["field_accuracy"] - 5 / 6) < 1e-9
    assert "documents field accuracy 0.833" in format_report(report)
    assert any(s.startswith("documents.field_accuracy") for s in shortfalls(report))
