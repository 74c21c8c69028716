"""Page and paragraph layout of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP).

Phụ lục I of the decree: A4 paper; margins top and bottom 20–25 mm, left
30–35 mm, right 15–20 mm; Times New Roman (Unicode, TCVN 6909:2001) in
13–14 pt for the body; page numbers centred at the top from the second
page. These helpers set that up with python-docx, plus the few things
python-docx has no API for (paragraph borders used as the short rules under
the issuing body, the motto and the subject line; repeated table headers;
the page number field).
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
#: 210 − 30 − 15 mm
TEXT_WIDTH = Mm(165)


def setup_document(doc: Document) -> None:
    """A4 portrait, the decree's margins, Times New Roman 14 pt, page numbers from page 2."""
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(10)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    for name in ("Table Grid",):
        if name in [s.name for s in doc.styles]:
            doc.styles[name].font.name = FONT
    add_page_numbers(section)
    doc.core_properties.language = "vi-VN"


def add_page_numbers(section) -> None:
    """Centred page number at the top, not on the first page (the decree's rule)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(paragraph, "PAGE", size=13)


def add_field(paragraph: Paragraph, instruction: str, *, size: int) -> None:
    """A field (e.g. PAGE) as Word writes it: begin, instruction, separate, result, end."""

    def run_with(element) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        run._r.append(element)

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(char("begin"))
    run_with(instr)
    run_with(char("separate"))
    result = paragraph.add_run("2")
    result.font.size = Pt(size)
    run_with(char("end"))


def para(
    container,
    text: str = "",
    *,
    size: int = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent_first: bool = False,
    space_before: float = 0,
    space_after: float = 0,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph in ``container`` (document or cell) with one run of text."""
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic = bold or None, italic or None
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if indent_first:
        fmt.first_line_indent = Cm(1.27)
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    fmt.keep_with_next = keep_with_next or None
    return paragraph


def body(doc: Document, text: str, **kwargs) -> Paragraph:
    """A body paragraph: justified, first line indented, 6 pt between paragraphs."""
    kwargs.setdefault("space_after", 6)
    return para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_first=True, **kwargs)


def heading(doc: Document, text: str, *, size: int = BODY_PT) -> Paragraph:
    return para(
        doc,
        text,
        size=size,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent_first=True,
        space_before=6,
        space_after=6,
        keep_with_next=True,
    )


def add_rule(container, *, width, available, space_after: float = 0) -> Paragraph:
    """A solid line ``width`` long, centred in ``available``, as a paragraph of its own.

    The decree draws these lines under the issuing body, the motto and the
    subject. The top border of an empty, indented 1 pt paragraph draws them
    in Word and LibreOffice alike, without drawing objects, and leaves the
    text above free to use the whole width.
    """
    paragraph = container.add_paragraph()
    side = max(int((available - width) / 2), 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = side, side
    fmt.space_before, fmt.space_after = Pt(0), Pt(space_after)
    fmt.line_spacing = Pt(1)
    paragraph.add_run().font.size = Pt(1)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    return paragraph


def no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def set_widths(table: Table, widths) -> None:
    """Fix column widths (Word reads the cells' widths, LibreOffice the grid)."""
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(width.twips if hasattr(width, "twips") else width / 635)))


def repeat_header(row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def cell_text(cell, text: str, *, size: int = TABLE_PT, bold: bool = False, align=None) -> None:
    """Replace a cell's text with one paragraph."""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold or None
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(2), Pt(2)


def shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)
