"""``tiendo user``: manage accounts from the command line."""

from __future__ import annotations

import click
from rich.table import Table
from sqlalchemy import select

from tiendo.accounts import service as accounts
from tiendo.accounts.roles import ROLE_LABELS, Role
from tiendo.cli.common import CliError, console, reports_errors, runtime
from tiendo.domain.actor import Actor
from tiendo.domain.units import find_province
from tiendo.errors import ValidationError
from tiendo.store.tables import AgencyRow, UserRow
from tiendo.text.numbers import format_datetime


@click.group("user")
def command() -> None:
    """Quản lý tài khoản người dùng."""


def _print_errors(exc: ValidationError) -> None:
    raise CliError("\n".join([exc.message, *(f"  - {e['msg']}" for e in exc.errors)]))


@command.command("add")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    required=True,
    help="admin, coordinator (điều phối), reporter (báo cáo viên), leader (lãnh đạo)",
)
@click.option("--name", "full_name", default="", help="Họ tên.")
@click.option("--email", default=None, help="Thư điện tử (nhận nhắc nhở).")
@click.option(
    "--province", default=None, help="Tỉnh, thành phố (tên hoặc mã) cho điều phối, lãnh đạo."
)
@click.option("--agency", "agency_id", type=int, default=None, help="Mã cơ quan cho báo cáo viên.")
@click.password_option("--password", prompt="Mật khẩu", confirmation_prompt="Nhập lại mật khẩu")
@reports_errors
def add(username, role, full_name, email, province, agency_id, password) -> None:
    """Tạo tài khoản USERNAME."""
    rt = runtime()
    province_code = None
    if province:
        unit = find_province(province) if not province.isdigit() else None
        province_code = unit.code if unit else province
    with rt.session() as session:
        try:
            user = accounts.create_user(
                session,
                accounts.NewUser(
                    username=username,
                    password=password,
                    role=role,
                    full_name=full_name,
                    email=email,
                    province_code=province_code,
                    agency_id=agency_id,
                ),
                actor=Actor.command_line(),
            )
        except ValidationError as exc:
            _print_errors(exc)
        session.commit()
        console.print(
            f"Đã tạo tài khoản [bold]{user.username}[/bold] ({ROLE_LABELS[Role(user.role)]})."
        )


@command.command("list")
def list_users() -> None:
    """Liệt kê tài khoản."""
    rt = runtime()
    with rt.session() as session:
        users = list(session.scalars(select(UserRow).order_by(UserRow.role, UserRow.username)))
        agencies = {a.id: a.name for a in session.scalars(select(AgencyRow))}
    table = Table(title=f"{len(users)} tài khoản")
    for header in (
        "Tên đăng nhập",
        "Họ tên",
        "Vai trò",
        "Tỉnh",
        "Cơ quan",
        "Trạng thái",
        "Đăng nhập gần nhất",
    ):
        table.add_column(header)
    for u in users:
        table.add_row(
            u.username,
            u.full_name,
            ROLE_LABELS.get(Role(u.role), u.role),
            u.province_code or "",
            agencies.get(u.agency_id, ""),
            "đang dùng" if u.active else "đã khóa",
            format_datetime(u.last_login_at),
        )
    console.print(table)


def _set_active(username: str, active: bool) -> None:
    rt = runtime()
    with rt.session() as session:
        user = accounts.get_user(session, username)
        accounts.set_active(session, user, active, actor=Actor.command_line())
        session.commit()
    console.print(f"Tài khoản {username} {'đã mở khóa' if active else 'đã bị khóa'}.")


@command.command("disable")
@click.argument("username")
@reports_errors
def disable(username: str) -> None:
    """Khóa tài khoản USERNAME (đóng mọi phiên đăng nhập)."""
    _set_active(username, False)


@command.command("enable")
@click.argument("username")
@reports_errors
def enable(username: str) -> None:
    """Mở khóa tài khoản USERNAME."""
    _set_active(username, True)


@command.command("reset-password")
@click.argument("username")
@click.password_option("--password", prompt="Mật khẩu mới", confirmation_prompt="Nhập lại mật khẩu")
@reports_errors
def reset_password(username: str, password: str) -> None:
    """Đặt lại mật khẩu của USERNAME."""
    rt = runtime()
    with rt.session() as session:
        user = accounts.get_user(session, username)
        try:
            accounts.set_password(
                session, user, password, actor=Actor.command_line(), action="user.password_reset"
            )
        except ValidationError as exc:
            _print_errors(exc)
        session.commit()
    console.print(f"Đã đặt lại mật khẩu cho {username}.")


@command.command("token")
@click.argument("username")
@click.option("--name", default="API", help="Tên để nhận ra mã.")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    default=["read"],
    show_default=True,
    help="read, reports:write, plans:write (lặp lại để cấp nhiều phạm vi).",
)
@click.option("--days", type=int, default=365, show_default=True, help="Số ngày hiệu lực.")
@reports_errors
def token(username: str, name: str, scopes: tuple[str, ...], days: int) -> None:
    """Cấp mã truy cập API cho USERNAME (mã chỉ in ra một lần)."""
    rt = runtime()
    with rt.session() as session:
        user = accounts.get_user(session, username)
        _, secret = accounts.create_token(
            session, user, name, list(scopes), actor=Actor.command_line(), days=days
        )
        session.commit()
    console.print(f"Mã truy cập (lưu lại ngay, chỉ hiện một lần): [bold]{secret}[/bold]")
