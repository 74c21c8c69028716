"""``tiendo demo``: create or remove the demo data."""

from __future__ import annotations

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
@reports_errors
def command(seed: int, remove: bool) -> None:
    """Tạo dữ liệu mẫu (cơ quan, tài khoản, phân công, kỳ và báo cáo hai năm) cho các kế hoạch đã nạp."""
    rt = runtime()
    with rt.session() as session:
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
    table = Table(title="Tài khoản mẫu (mật khẩu chỉ in một lần; chỉ dùng trên máy thử nghiệm)")
    for header in ("Tên đăng nhập", "Mật khẩu", "Vai trò"):
        table.add_column(header)
    for username, password, role in result.users:
        table.add_row(username, password, ROLE_LABELS[Role(role)])
    console.print(table)
