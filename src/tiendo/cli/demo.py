"""``tiendo demo``: create or remove the demo data."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from tiendo.accounts.roles import ROLE_LABELS, Role
from tiendo.cli.common import console, reports_errors, runtime
from tiendo.reporting import demo


@click.command("demo")
@click.option(
    "--seed", type=int, default=57, show_default=True, help="Cùng hạt giống cho cùng dữ liệu."
)
@click.option(
    "--remove", is_flag=True, help="Xóa dữ liệu mẫu, trả lại phân công ban đầu của kế hoạch."
)
@click.option(
    "--if-missing",
    is_flag=True,
    help="Không làm gì nếu đã có dữ liệu mẫu (cho lệnh cài đặt chạy lại).",
)
@click.option(
    "--accounts-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Ghi danh sách tài khoản mẫu và mật khẩu vào tệp này thay vì in ra màn hình.",
)
@reports_errors
def command(seed: int, remove: bool, if_missing: bool, accounts_file: Path | None) -> None:
    """Tạo dữ liệu mẫu (cơ quan, tài khoản, phân công, kỳ và báo cáo hai năm) cho các kế hoạch đã nạp."""
    rt = runtime()
    with rt.session() as session:
        if if_missing and not remove and demo.exists(session):
            console.print("Dữ liệu mẫu đã có sẵn.")
            return
        if remove:
            counts = demo.remove(session)
            session.commit()
            console.print(
                f"Đã xóa dữ liệu mẫu: {counts['agencies']} cơ quan, {counts['users']} tài khoản "
                f"({counts['users_disabled']} tài khoản khóa lại vì có trong nhật ký), {counts['periods']} kỳ, "
                f"{counts['reports']} báo cáo."
            )
            return
        result = demo.create(session, seed=seed)
        session.commit()
    console.print(
        f"Đã tạo dữ liệu mẫu: {result.agencies} cơ quan, {result.periods} kỳ báo cáo, "
        f"{result.reports} báo cáo."
    )
    for name in result.skipped_plans:
        console.print(f"Bỏ qua {name}: kế hoạch chưa xác định tỉnh.")
    if accounts_file is not None:
        # A laptop trial: keep the passwords in a private file and show the main accounts.
        accounts_file.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            "# Tài khoản mẫu của tiendo (chỉ dùng trên máy thử nghiệm)",
            "# tên đăng nhập\tmật khẩu\tvai trò",
        ]
        lines += [f"{u}\t{p}\t{ROLE_LABELS[Role(r)]}" for u, p, r in result.users]
        accounts_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        accounts_file.chmod(0o600)
        shown = {}
        for username, password, role in result.users:
            shown.setdefault(role, (username, password))
        for role, (username, password) in shown.items():
            console.print(f"  {ROLE_LABELS[Role(role)]}: [bold]{username}[/bold] / {password}")
        console.print(f"Toàn bộ {len(result.users)} tài khoản mẫu và mật khẩu: {accounts_file}")
        return
    table = Table(title="Tài khoản mẫu (mật khẩu chỉ in một lần; chỉ dùng trên máy thử nghiệm)")
    for header in ("Tên đăng nhập", "Mật khẩu", "Vai trò"):
        table.add_column(header)
    for username, password, role in result.users:
        table.add_row(username, password, ROLE_LABELS[Role(role)])
    console.print(table)
