"""Targets stated in prose, and the past values the plan gives as baselines.

Which numbers are targets depends on where they stand: in the objectives
(and in the purpose when it sets a goal) every stated value is a core
target; in the tasks sections a percentage, a ranking or a value with a
written qualifier ("ít nhất 01 khu", "phấn đấu ... 100%") is a target that
is not core; counts without a qualifier there ("cho 02 đô thị") describe the
task, not a target. Values in an assessment of the past, or tied to a past
year ("năm 2024 ... đạt 40%"), are baselines.

The milestone year comes, in this order, from a year written right after
the value ("top 15 vào năm 2035"), from a year opening the clause or the
sentence ("Phấn đấu đến năm 2030, ...", "Hết năm 2025, ..."), and for core
targets from the heading the value stands under ("a) Đến năm 2030").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from tiendo.domain.plan import SectionKind, Target, TargetKind, Task
from tiendo.ingest.extract.clauses import clauses, sentences
from tiendo.ingest.extract.dates import YEAR, YEAR_WORD
from tiendo.ingest.extract.indicators import name_indicator
from tiendo.ingest.extract.lines import Block
from tiendo.ingest.extract.quantities import (
    EVENTS,
    MAKES,
    Quantity,
    find_quantities,
    unit_of_share,
)
from tiendo.ingest.extract.sections import Node, Outline

_YEAR_PHRASE = re.compile(
    r"(?P<prep>\b(?:den het|den cuoi|den|toi|vao|het|trong|cuoi|truoc)\s+(?:"
    + YEAR_WORD
    + r"\s+)?|\b"
    + YEAR_WORD
    + r"\s+|\b(?:(?:den\s+)?het\s+)?(?P<period>giai doan|nhiem ky)\s+(?P<begin>"
    + YEAR
    + r")\s*(?:-|–|den)\s*"
    # "trong Quý IV/2025", "tháng 9/2026", "trước ngày 31/12/2025": a deadline gives its year
    + r"|\b(?:quy\s+(?:iv|i{1,3}|[1-4])|thang\s+\d{1,2}|ngay\s+\d{1,2}\s*/\s*\d{1,2})\s*(?:/|-|\s+"
    + YEAR_WORD
    + r"\s+))(?P<year>"
    + YEAR
    # "trong năm 2025 - 2026": a range of years ends at its last
    + r")\b(?:\s*(?:-|–)\s*(?P<last>"
    + YEAR
    + r")\b)?"
)
_DOC_WORDS = re.compile(
    r"\b(?:ke hoach|de an|chien luoc|chuong trinh|quy hoach|nghi quyet|dinh huong|tam nhin|quyet dinh|chi thi)\b"
)
_LEADING_YEAR = re.compile(
    r"[\s\-–+•*]*(?:ph[a-z]n d[a-z]{0,2}u\s+)?(?:(?:den het|den cuoi|den|toi|het|trong|vao|cuoi)\s+(?:"
    + YEAR_WORD
    + r"\s+|nhiem ky\s+"
    + YEAR
    + r"\s*(?:-|–)\s*)?|"
    + YEAR_WORD
    + r"\s+|(?:giai doan|nhiem ky)\s+"
    + YEAR
    + r"\s*(?:-|–)\s*)(?P<year>"
    + YEAR
    + r")\b"
)
_BARE_LEAD = re.compile(r"[\s\-–+•*]*" + YEAR_WORD + r"\s+" + YEAR + r"\b")
_RESULTS = re.compile(
    r"\s*(?:(?:ket qua|thanh tuu)\s+(?:da\s+)?(?:dat duoc|thuc hien)|thuc trang|tinh hinh thuc hien)\b"
)
# A note to a table or a list explains the targets above it; it sets none.
_NOTE = re.compile(r"[\s*_(]*(?:ghi chu|chu thich|luu y)\s*[:.]")
_STRIVE = re.compile(r"\bph[a-z]n d[a-z]{0,2}u\b")
# "hỗ trợ 50% kinh phí" is a policy rate; "có người hỗ trợ là 100%" is a level.
_POLICY_RATE = re.compile(
    r"\b(?:ho tro|mien giam|mien|lai suat|chiet khau|thue)(?:\s+(?!la\b|dat\b|chiem\b)[a-z]+){0,2}\s*$"
)


@dataclass
class Baseline:
    indicator: str
    value: float | None
    unit: str
    year: int | None


@dataclass
class _YearPhrase:
    start: int
    end: int
    year: int
    bare: bool  # "năm 2024" without "đến", "vào"...


def _year_phrases(
    key: str, lo: int, hi: int, quantities: list[Quantity], plan_year: int | None = None
) -> list[_YearPhrase]:
    phrases = []
    for m in _YEAR_PHRASE.finditer(key, lo, hi):
        s, e = m.start(), m.end()
        if any(q.start <= s < q.end for q in quantities):
            continue
        if re.search(r"so voi\s*$", key[max(lo, s - 10) : s]):
            continue
        year = int(m.group("last") or m.group("year"))
        if _in_title(key, lo, m, quantities, plan_year):
            continue
        prep = m.group("prep").strip()
        bare = re.fullmatch(YEAR_WORD, prep) is not None
        phrases.append(_YearPhrase(s, e, year, bare))
    return phrases


def _in_title(
    key: str, lo: int, m: re.Match[str], quantities: list[Quantity], plan_year: int | None
) -> bool:
    """Whether a year phrase ends the title of a document ("Đề án ... đến năm 2030").

    Not when a stated value stands between the document's name and the year
    ("Chương trình đào tạo 50.000 kỹ sư đến năm 2030": the year is the value's),
    when the phrase is a deadline ("hoàn thành trong Quý IV/2025"), or when the
    period starts with the plan ("... giai đoạn 2025-2030, mỗi năm ...").
    """
    s = m.start()
    if not key[lo:s].strip() or re.match(r"quy|thang|ngay", m.group("prep")):
        return False
    docs = list(_DOC_WORDS.finditer(key, max(lo, s - 140), s))
    if not docs:
        return False
    if any(docs[-1].end() <= q.start < s for q in quantities):
        return False
    if m.group("period") and plan_year is not None:
        begin, end = int(m.group("begin")), int(m.group("last") or m.group("year"))
        if plan_year <= begin and end - begin <= 5:
            return False
    return True


def _eligible(
    q: Quantity,
    core: bool,
    section: SectionKind | None,
    strive_before: bool,
    key: str,
    lo: int,
    dated: bool = False,
) -> bool:
    if q.value is None:
        return False
    if q.kind in (TargetKind.RANK, TargetKind.MULTIPLE, TargetKind.RATE):
        return True
    if q.unit in ("%", "% GRDP", "Gbps", "người/vạn dân"):
        # "hỗ trợ 50% kinh phí" is a policy, not a level to reach.
        policy = q.unit == "%" and _POLICY_RATE.search(key[max(lo, q.start - 30) : q.start])
        return not policy
    # counts and plain values
    if section == SectionKind.OBJECTIVES:
        return True
    # "Hỗ trợ 100 doanh nghiệp ... mỗi năm": a yearly amount is a target.
    yearly = q.counted and re.search(
        r"\b(?:moi|hang|hàng)\s+n\w?m\b", key[q.end : q.end + 80].split(";")[0]
    )
    # A count due by a date ("50.000 kỹ sư đến năm 2030", "tại 5 sở trong Quý I/2026")
    # or made by the task ("hình thành 03 nhóm nghiên cứu") is a result to reach.
    made = q.counted and MAKES.search(key[max(lo, q.start - 25) : q.start])
    if q.explicit or strive_before:
        return True
    if q.counted and re.search(r"\bcua\s*$", key[max(lo, q.start - 6) : q.start]):
        return False  # "hồ sơ của 07 phường cũ": whose things, not how many to make
    if q.counted and EVENTS.match(key, q.end):
        return False
    return bool(yearly) or (q.counted and dated) or bool(made)


def prose_targets(
    outline: Outline, plan_year: int | None, default_year: int | None
) -> tuple[list[Target], list[Baseline]]:
    """Targets and baselines from every paragraph and item of the plan's body."""
    targets: list[Target] = []
    baselines: list[Baseline] = []
    for block in outline.blocks:
        if block.kind not in ("item", "para"):
            continue
        block_targets(block, outline.node_of(block), plan_year, default_year, targets, baselines)
    return targets, baselines


def row_targets(
    row: Block, node: Node, plan_year: int | None, default_year: int | None
) -> tuple[list[Target], list[Baseline]]:
    """A table row read as prose, when its table has no column of values to read.

    "TT | Nội dung" over "1 | Đến năm 2027, tỷ lệ … đạt 80%." is a list of
    sentences in table form; its rows say what a paragraph would.
    """
    cells = [c for c in (row.cells or []) if c.strip()]
    if cells and re.fullmatch(r"\(?[\dIVXivx]{1,4}(?:\.\d{1,2})*[.)]?", cells[0].strip()):
        cells = cells[1:]
    text = " ".join(cells)
    block = Block(
        kind="para", start=row.start, end=row.start, text=text, line_starts=[0],
        line_numbers=[row.start],
    )  # fmt: skip
    targets: list[Target] = []
    baselines: list[Baseline] = []
    if text:
        block_targets(block, node, plan_year, default_year, targets, baselines)
    return targets, baselines


def block_targets(
    block: Block,
    node: Node,
    plan_year: int | None,
    default_year: int | None,
    targets: list[Target],
    baselines: list[Baseline],
) -> None:
    """Targets and baselines of one paragraph or item, added to the lists given."""
    section = section_of(node)
    milestone_only = False
    if section is None:
        if not _open_section(node):
            return
        # A section of no usual title ("Định hướng phát triển", "Quan điểm") still sets
        # targets where a sentence opens with its milestone: "Đến năm 2030, … đạt 90%".
        section, milestone_only = SectionKind.OBJECTIVES, True
    core = section in (SectionKind.OBJECTIVES, SectionKind.PURPOSE)
    assessment = section == SectionKind.ASSESSMENT
    heading_year = node.heading_year if core else None
    if core and heading_year is None:
        heading_year = default_year
    heading_year = _prefix_year(block) or heading_year
    found = _block_quantities(
        block, node, section, core, assessment, plan_year, heading_year, milestone_only
    )
    for q, year, name, phrase, is_baseline in found:
        if is_baseline:
            baselines.append(Baseline(name, q.value, q.unit, year))
            continue
        targets.append(
            Target(
                indicator=_tidy_indicator(name, q),
                kind=q.kind,
                op=q.op,
                value=q.value,
                unit=unit_of_share(q.unit, name),
                year=year,
                line=block.line_at(q.start),
                text=phrase,
                value_max=q.value_max,
                base_year=q.base_year,
                core=core,
                section=_section_title(node),
            )
        )


def task_row_targets(task: Task, plan_year: int | None) -> list[Target]:
    """Targets a row of a task table states in its task cell ("cung cấp 100% dịch vụ công …").

    A task table is the tasks section laid out in columns: its task cells are
    read by the rules of the tasks sections (not core, year from the phrase),
    except that a bare count there names the task's scope.
    """
    text = task.full_text or task.text
    if not text or not re.search(r"\d", text):
        return []
    block = Block(
        kind="item", start=task.line, end=task.line, text=text, line_starts=[0],
        line_numbers=[task.line],
    )  # fmt: skip
    found = _block_quantities(block, None, SectionKind.TASKS, False, False, plan_year, None)
    return [
        Target(
            indicator=_tidy_indicator(name, q),
            kind=q.kind,
            op=q.op,
            value=q.value,
            unit=unit_of_share(q.unit, name),
            year=year,
            line=task.line,
            text=phrase,
            value_max=q.value_max,
            base_year=q.base_year,
            core=False,
        )
        for q, year, name, phrase, is_baseline in found
        # a task's name in a table names its scope with bare counts ("Đào tạo 1.000 kỹ
        # sư"); only a share, a ranking, a rate or a written bound is a value to reach
        if not is_baseline and not (q.counted and not q.explicit)
    ]


# A milestone written as the paragraph's own heading: "Tầm nhìn đến năm 2045: ...",
# "Định hướng đến năm 2035: ...".
_PREFIX_YEAR = re.compile(
    r"\s*(?:tam nhin|dinh huong|muc tieu|chi tieu)(?:\s+[a-z]+){0,3}?\s+(?:den|toi)\s+(?:het\s+)?(?:"
    + YEAR_WORD
    + r"\s+)?(?P<year>"
    + YEAR
    + r")\s*[:.]"
)


def _prefix_year(block: Block) -> int | None:
    m = _PREFIX_YEAR.match(block.key, block.body)
    return int(m.group("year")) if m else None


def _open_section(node: Node) -> bool:
    """A numbered or titled section of the body whose kind no rule names.

    Not the preamble (before the first section), a viewpoint, nor the sections
    whose numbers are about money, duties or annexes.
    """
    if node.block is None or node.kind in (
        SectionKind.ORGANISATION,
        SectionKind.FUNDING,
        SectionKind.APPENDIX,
        # a viewpoint quotes the nation's goals ("Đến năm 2030, Việt Nam thuộc nhóm …")
        SectionKind.VIEWPOINT,
    ):
        return False
    return node.block.kind != "closing" and not any(
        a.block is not None and a.block.kind == "closing" for a in node.ancestors()
    )


def _opens_with_milestone(key: str, s_lo: int, plan_year: int | None) -> bool:
    lead = _LEADING_YEAR.match(key, s_lo)
    if not lead or _BARE_LEAD.match(key, s_lo):
        return False
    return plan_year is None or int(lead.group("year")) >= plan_year


def section_of(node: Node) -> SectionKind | None:
    """The kind of section a node stands in, as far as targets are concerned."""
    kind = node.kind
    if kind == SectionKind.APPENDIX:
        top = node
        while top.parent is not None and top.parent.block is not None:
            top = top.parent
        return (
            SectionKind.OBJECTIVES
            if re.search(r"(?:chi|muc) tieu", top.block.key if top.block else "")
            else None
        )
    if kind in (
        SectionKind.OBJECTIVES,
        SectionKind.PURPOSE,
        SectionKind.TASKS,
        SectionKind.ASSESSMENT,
    ):
        return kind
    return None


def _section_title(node: Node) -> str | None:
    for n in (node, *node.ancestors()):
        if n.block is not None and n.own_kind is not None:
            return n.title[:120]
    return None


def _tidy_indicator(name: str, q: Quantity) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-–$")
    if name and name[0].islower():
        name = name[0].upper() + name[1:]
    return name[:200]


def _block_quantities(
    block: Block,
    node: Node | None,
    section: SectionKind,
    core: bool,
    assessment: bool,
    plan_year: int | None,
    heading_year: int | None,
    milestone_only: bool = False,
):
    text, key = block.text, block.key
    out = []
    # "2.1. Kết quả đã đạt được làm cơ sở xây dựng chỉ tiêu: đến hết năm 2024, …": a
    # paragraph of results inside the objectives reports the past, whatever its wording.
    results = bool(_RESULTS.match(key, block.body))
    if _NOTE.match(key, block.body):
        # "Ghi chú: Chỉ tiêu 7 xếp hạng trong 34 tỉnh, thành phố từ năm 2026."
        return out
    for s_lo, s_hi in sentences(text, block.body, len(text)):
        if milestone_only and not _opens_with_milestone(key, s_lo, plan_year):
            continue
        found = [
            (c_lo, c_hi, find_quantities(text, key, c_lo, c_hi))
            for c_lo, c_hi in clauses(text, s_lo, s_hi)
        ]
        every = [q for _, _, qs in found for q in qs]
        if not every:
            continue
        lead = _LEADING_YEAR.match(key, s_lo)
        sentence_year = int(lead.group("year")) if lead else _opening_year(key, s_lo, every)
        # "Năm 2024, … đạt 71,5%": a bare year opening the sentence dates what it reports.
        sentence_bare = bool(lead) and bool(_BARE_LEAD.match(key, s_lo))
        for c_lo, c_hi, quantities in found:
            if not quantities:
                continue
            phrases = _year_phrases(key, c_lo, c_hi, quantities, plan_year)
            prev_end = c_lo
            prev_name = None
            for i, q in enumerate(quantities):
                nxt = quantities[i + 1].start if i + 1 < len(quantities) else c_hi
                year, bare = _year_for(q, i, quantities, phrases, key, c_lo)
                if year is None and sentence_year is not None:
                    year, bare = sentence_year, sentence_bare
                past = (
                    year is not None
                    and plan_year is not None
                    and year < plan_year
                    and (bare or assessment or results)
                )
                strive = bool(_STRIVE.search(key, s_lo, q.start))
                name, (phrase_start, phrase_end) = name_indicator(
                    text, key, c_lo, q, prev_end, nxt, prev_name
                )
                prev_name = name
                phrase = text[phrase_start:phrase_end].strip()
                prev_end = q.end
                if assessment or past:
                    if q.value is not None:
                        out.append((q, year, name, phrase, True))
                    continue
                if not _eligible(q, core, section, strive, key, c_lo, year is not None):
                    continue
                if year is None:
                    year = heading_year
                out.append((q, year, name, phrase, False))
    return out


def _opening_year(key: str, s_lo: int, first: list[Quantity]) -> int | None:
    """A year written before the sentence's first value ("Ngoài ra, đến năm 2030 tỷ lệ ...").

    It governs every value of the sentence that has no year of its own.
    """
    # Only in the clause of that value, unless set off by a comma ("..., đến năm 2030, ...").
    clause_start = key.rfind(";", s_lo, first[0].start) + 1 or s_lo
    for p in _year_phrases(key, s_lo, first[0].start, first):
        if p.bare:
            continue
        if p.start >= clause_start or key[p.end : p.end + 2].lstrip().startswith(","):
            return p.year
    return None


def _year_for(
    q: Quantity, i: int, quantities: list[Quantity], phrases: list[_YearPhrase], key: str, lo: int
):
    """The year phrase that belongs to quantity ``i`` of a clause, if any."""
    nxt = quantities[i + 1].start if i + 1 < len(quantities) else None
    prev_end = quantities[i - 1].end if i > 0 else lo
    for p in phrases:
        if p.start >= q.end and (nxt is None or p.start < nxt):
            between = key[q.end : p.start]
            if between.count("(") > between.count(")"):
                # "đạt 60% (năm 2024 đạt 41,2%)": the year in brackets is the bracket's.
                continue
            if re.search(r"\bso voi\b", between):
                # "tăng 3 bậc so với thứ hạng năm 2024": the year of the base compared with
                continue
            if "," not in between or nxt is None:
                return p.year, p.bare
    # a phrase before the value: after the previous value with a comma, or opening the clause
    for p in reversed(phrases):
        if p.end <= q.start and p.start >= prev_end:
            between = key[prev_end : p.start]
            if i == 0 or "," in between or between.count("(") > between.count(")"):
                return p.year, p.bare
    for p in reversed(phrases):
        if p.end <= q.start and all(p.start < x.start for x in quantities):
            return p.year, p.bare
    # "đào tạo 5.000 kỹ sư ... và 10.000 nhân lực ... đến năm 2030": values joined by "và"
    # share the year that closes them.
    later = quantities[i:]
    closing = [p for p in phrases if p.start >= later[-1].end and not p.bare]
    # ... and a list "giảm 30% A, 30% B và 30% C trong năm 2025" too
    gaps = [key[a.end : b.start] for a, b in pairwise(later)]
    joined = bool(gaps) and re.search(r"\bva\b", gaps[-1]) is not None
    joined = joined and all(";" not in g and (re.search(r"\bva\b", g) or "," in g) for g in gaps)
    if len(later) > 1 and closing and joined:
        return closing[0].year, False
    return None, False


def link_baselines(targets: list[Target], baselines: list[Baseline]) -> None:
    """Attach each baseline to the target of the same indicator that has none yet."""
    for b in baselines:
        words = set(_words(b.indicator))
        if not words:
            continue
        best, best_score = None, 0.0
        for t in targets:
            if t.baseline_value is not None or (
                t.unit != b.unit and not (t.unit.startswith("%") and b.unit.startswith("%"))
            ):
                continue
            tw = set(_words(t.indicator))
            if not tw:
                continue
            score = len(words & tw) / len(words | tw)
            if score > best_score:
                best, best_score = t, score
        if best is not None and best_score >= 0.5:
            best.baseline_value = b.value
            best.baseline_year = b.year


def _words(text: str) -> list[str]:
    from tiendo.ingest.extract.keys import fold_keep

    stop = {
        "ty",
        "le",
        "cua",
        "va",
        "cac",
        "trong",
        "tren",
        "dia",
        "ban",
        "tinh",
        "so",
        "nam",
        "dat",
        "muc",
    }
    return [w for w in re.findall(r"[a-z]+", fold_keep(text).lower()) if w not in stop]
