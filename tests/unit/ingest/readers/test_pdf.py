"""PDFs: text layer, scanned pages through an OCR engine, encrypted and broken files."""

import shutil

import pytest

from tiendo.errors import IngestError
from tiendo.ingest.readers import TesseractEngine, read_document

from .conftest import DEJAVU, SAMPLE, FakeEngine

fpdf = pytest.importorskip("fpdf", reason="fpdf2 makes the test PDFs")
needs_font = pytest.mark.skipif(
    not DEJAVU.exists(), reason="DejaVu font (fonts-dejavu-core) missing"
)
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


def _text_pdf(path, pages, password=None):
    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    for text in pages:
        pdf.add_page()
        for line in text.split("\n"):
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))
    return path


def _image_pdf(path, pages=2):
    from PIL import Image, ImageDraw

    images = []
    for n in range(pages):
        img = Image.new("L", (800, 1100), 255)
        ImageDraw.Draw(img).text((50, 50), f"trang {n + 1}", fill=0)
        images.append(img)
    images[0].save(path, save_all=True, append_images=images[1:], resolution=100.0)
    return path


@needs_font
def test_text_layer_is_read_page_by_page(tmp_path):
    path = _text_pdf(
        tmp_path / "ke-hoach.pdf",
        [SAMPLE.strip(), "Tổ chức thực hiện\nGiao Sở Khoa học và Công nghệ chủ trì."],
    )
    calls = []
    engine = FakeEngine()
    source = read_document(path, engine=engine, progress=lambda d, t, w: calls.append((d, t, w)))
    assert source.format == "pdf-text"
    assert source.pages == 2 and not source.ocr_applied
    assert source.text.split("\n") == [
        *SAMPLE.strip().split("\n"),
        "Tổ chức thực hiện",
        "Giao Sở Khoa học và Công nghệ chủ trì.",
    ]
    assert [c[:2] for c in calls] == [(1, 2), (2, 2)]
    assert calls[0][2] == "trang 1/2"
    assert engine.calls == []


@needs_font
def test_encrypted_pdf_is_refused(tmp_path):
    path = _text_pdf(tmp_path / "mat-khau.pdf", [SAMPLE], password="bi-mat")
    with pytest.raises(IngestError) as err:
        read_document(path, engine=FakeEngine())
    assert "mật khẩu" in err.value.message
    assert err.value.where == str(path)


@needs_pdftoppm
def test_scanned_pdf_goes_through_the_ocr_engine_page_by_page(tmp_path):
    path = _image_pdf(tmp_path / "quet.pdf", pages=2)
    engine = FakeEngine()
    calls = []
    source = read_document(path, engine=engine, progress=lambda d, t, w: calls.append(d))
    assert source.format == "pdf-scan" and source.ocr_applied
    assert source.pages == 2 and len(engine.calls) == 2
    assert calls == [1, 2]
    assert source.text == SAMPLE.strip() + "\n" + SAMPLE.strip()


def test_scanned_pdf_without_an_ocr_engine_says_what_to_install(tmp_path):
    path = _image_pdf(tmp_path / "quet.pdf", pages=1)
    with pytest.raises(IngestError) as err:
        read_document(path, engine=FakeEngine(available=False))
    assert "tesseract-ocr-vie" in err.value.message


def test_image_goes_through_the_ocr_engine(tmp_path):
    from PIL import Image

    path = tmp_path / "trang.png"
    Image.new("L", (200, 100), 255).save(path)
    engine = FakeEngine()
    source = read_document(path, engine=engine)
    assert source.format == "image" and source.ocr_applied and source.pages == 1
    assert source.text == SAMPLE


def test_image_with_no_text_found(tmp_path):
    from PIL import Image

    path = tmp_path / "trang.png"
    Image.new("L", (200, 100), 255).save(path)
    with pytest.raises(IngestError) as err:
        read_document(path, engine=FakeEngine(text="  \n"))
    assert "Không nhận dạng được chữ" in err.value.message


needs_tesseract = pytest.mark.skipif(
    not TesseractEngine().available(),
    reason="tesseract with Vietnamese data (tesseract-ocr, tesseract-ocr-vie) is not installed",
)


@pytest.mark.slow
@needs_tesseract
@needs_pdftoppm
def test_real_tesseract_reads_a_scanned_vietnamese_page(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(DEJAVU), 40)
    img = Image.new("L", (2480, 800), 255)
    draw = ImageDraw.Draw(img)
    lines = SAMPLE.strip().split("\n")
    for n, line in enumerate(lines):
        draw.text((150, 150 + n * 70), line, font=font, fill=0)
    path = tmp_path / "quet.pdf"
    img.save(path, resolution=300.0)
    source = read_document(path)
    assert source.format == "pdf-scan" and not source.repaired
    assert "Nghị quyết số 57-NQ/TW ngày 22/12/2024" in source.text
    assert "chuyển đổi số" in source.text
