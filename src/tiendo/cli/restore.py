"""``tiendo restore``: print the Vietnamese text of a plan file, repaired if OCR mangled it."""

from __future__ import annotations

from pathlib import Path

import click

from tiendo.errors import TiendoError


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--uncertain",
    is_flag=True,
    help="In thêm các chữ chưa chắc chắn (dòng, cột, chữ gốc, chữ đã chọn, phương án khác).",
)
@click.option(
    "--force/--auto",
    default=False,
    help="Sửa cả khi văn bản không có vẻ bị OCR sai (mặc định: chỉ sửa khi phát hiện).",
)
def command(file: Path, uncertain: bool, force: bool) -> None:
    """Khôi phục dấu tiếng Việt cho văn bản đã OCR bằng tiếng Anh trong FILE."""
    from tiendo.ingest.readers import read_document
    from tiendo.ingest.repair.repair import repair_text

    try:
        source = read_document(file, repair=True)
        result = source.repair
        if result is None and force:
            result = repair_text(source.raw_text)
    except TiendoError as exc:
        raise click.ClickException(str(exc)) from exc
    text = result.text if result is not None else source.text
    click.echo(text, nl=not text.endswith("\n"))
    if result is None:
        reason = source.mangle.reason if source.mangle else ""
        click.echo(f"Không cần sửa: {reason}", err=True)
        return
    click.echo(
        f"Đã sửa {result.changed}/{result.words} chữ; độ tin cậy {result.confidence:.1%}; "
        f"{len(result.uncertain)} chữ chưa chắc chắn.",
        err=True,
    )
    if uncertain:
        for w in result.uncertain:
            alts = ", ".join(f"{s} {p:.0%}" for s, p in w.alternatives)
            click.echo(
                f"dòng {w.line}, cột {w.start + 1}-{w.end}: {w.original} → {w.chosen} "
                f"({w.confidence:.0%}){'; khác: ' + alts if alts else ''}",
                err=True,
            )
