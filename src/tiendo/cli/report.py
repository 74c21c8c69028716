"""``tiendo report``: the periodic consolidated report of a province as .docx and .xlsx."""

from __future__ import annotations

from pathlib import Path

import click

from tiendo.cli.common import CliError, console, reports_errors, runtime
from tiendo.clock import today_in_vietnam
from tiendo.domain.actor import Actor
from tiendo.domain.units import PROVINCES, find_province
from tiendo.export.report_service import produce_report
from tiendo.text.numbers import parse_date


def province_code(value: str) -> str:
    """A province given by code ("42") or name ("Hà Tĩnh", "ha tinh")."""
    if value in PROVINCES:
        return value
    unit = find_province(value)
    if unit is None:
        raise CliError(f"Không nhận ra tỉnh, thành phố “{value}” (nhập mã, ví dụ 42, hoặc tên).")
    return unit.code


@click.command("report")
@click.option("--province", "province", required=True, help="Tỉnh, thành phố: mã hoặc tên.")
@click.option(
    "--period",
    required=True,
    help="Kỳ báo cáo: 2026-Q3 (quý III/2026), 2026-H1 (6 tháng đầu năm), 2026 (cả năm).",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(["docx", "xlsx"]),
    multiple=True,
    help="docx (Word), xlsx (Excel); mặc định cả hai.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Thư mục ghi tệp.",
)
@click.option(
    "--date", "date_text", default=None, help="Ngày của báo cáo, dd/mm/yyyy (mặc định hôm nay)."
)
@click.option("--number", default=None, help="Số, ký hiệu, ví dụ “125/BC-SKHCN”.")
@click.option("--signer", default=None, help="Họ tên người ký.")
@click.option("--signer-title", default=None, help="Chức vụ người ký, ví dụ “GIÁM ĐỐC”.")
@click.option(
    "--authority", default=None, help='Quyền hạn ký, ví dụ “KT. GIÁM ĐỐC” ("" nếu ký trực tiếp).'
)
@click.option(
    "--issuing-body", default=None, help="Cơ quan ban hành, ví dụ “Sở Khoa học và Công nghệ”."
)
@reports_errors
def command(
    province: str,
    period: str,
    formats: tuple[str, ...],
    out_dir: Path,
    date_text: str | None,
    number: str | None,
    signer: str | None,
    signer_title: str | None,
    authority: str | None,
    issuing_body: str | None,
) -> None:
    """Lập báo cáo định kỳ tổng hợp của một tỉnh, thành phố (Word và Excel)."""
    try:
        day = parse_date(date_text) if date_text else today_in_vietnam()
    except ValueError as exc:
        raise CliError(f"Ngày “{date_text}” không đúng dạng dd/mm/yyyy.") from exc
    letterhead = {
        "date": day,
        "number": number,
        "signer_name": signer,
        "signer_title": signer_title,
        "issuing_body": issuing_body,
    }
    if authority is not None:
        letterhead["signer_authority"] = authority
    rt = runtime()
    out_dir.mkdir(parents=True, exist_ok=True)
    with rt.session() as session:
        for fmt in formats or ("docx", "xlsx"):
            result = produce_report(
                session,
                province_code(province),
                period,
                fmt,
                actor=Actor.command_line(),
                today=day,
                letterhead=letterhead,
            )
            path = out_dir / result.filename
            path.write_bytes(result.content)
            console.print(f"Đã ghi {path} ({len(result.content):,} byte)".replace(",", "."))
        session.commit()
