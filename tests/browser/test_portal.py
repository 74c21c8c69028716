"""The public portal and the feedback form in real headless Chromium.

Uses Debian's chromium (never a downloaded browser); skipped, with the
reason, when it or the Playwright package is missing.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.feedback_support import SENDER, build_world, make_people, principal
from tiendo.domain.actor import Actor
from tiendo.publish import feedback
from tiendo.publish.antispam import FeedbackPolicy
from tiendo.store.tables import FeedbackRow

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(live_server, browser):
    rt = live_server.runtime
    world = build_world(rt)
    make_people(rt, world)
    # A person needs a moment to fill in the form; one second keeps the test short.
    live_server.server.config.app.state.feedback_policy = FeedbackPolicy(min_fill_seconds=1)
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    outside, problems = [], []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    # A form returned with its errors (422) is a normal page; anything else failing is not.
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" and "422" not in m.text else None,
    )
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}") if r.status >= 400 and r.status != 422 else None
        ),
    )
    yield page, live_server, world
    context.close()
    assert outside == [], "a page asked for a resource from elsewhere"
    assert problems == [], problems


def unlabelled_fields(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && !e.closest('[aria-hidden=true]'))
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.name || e.id)"""
    )


def test_province_plan_and_search_pages_by_keyboard_and_on_a_phone(portal):
    page, server, world = portal
    page.goto(server.url + "/tinh-thanh")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Tỉnh Ninh Bình").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tỉnh Ninh Bình"
    body = page.inner_text("body")
    assert "Hà Nam" in body and "99/KH-NHAP" not in body
    assert unlabelled_fields(page) == []

    page.get_by_role("link", name="Kế hoạch số 12/KH-UBND").click()
    assert page.url.endswith(f"/ke-hoach/{world.ha_nam}")
    assert "Tỷ lệ sử dụng dịch vụ công trực tuyến" in page.inner_text("#chi-tieu")
    assert "Hoàn thiện thể chế" in page.inner_text("#nhiem-vu")

    page.get_by_label("Tìm kiếm", exact=True).fill("chuyen doi so")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem?q=*")
    hits = page.inner_text("ol.hits")
    assert "Tổ chức tuyên truyền về chuyển đổi số." in hits
    assert "bản nháp bí mật" not in page.content()

    page.set_viewport_size({"width": 375, "height": 740})
    for path in ("/tinh-thanh", "/tinh-thanh/37", f"/ke-hoach/{world.ha_nam}", "/phan-anh/gui"):
        page.goto(server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways on a phone"


def test_sending_feedback_and_seeing_it_published_without_the_sender(portal):
    page, server, world = portal
    page.goto(f"{server.url}/ke-hoach/{world.ha_nam}")
    page.locator(
        f"a[href='/phan-anh/gui?ke_hoach={world.ha_nam}&nhiem_vu={world.task_id}']"
    ).click()
    assert "Tổ chức tuyên truyền về chuyển đổi số." in page.inner_text("main")
    assert unlabelled_fields(page) == []
    page.get_by_label("Tiêu đề").fill("Đề nghị tổ chức tuyên truyền ở xã")
    page.get_by_label("Nội dung phản ánh, kiến nghị").fill(
        "Đề nghị tổ chức tuyên truyền về chuyển đổi số cả ở các xã vùng sâu."
    )
    page.get_by_label("Họ và tên").fill(SENDER["sender_name"])
    page.get_by_label("Thư điện tử").fill(SENDER["sender_email"])
    page.get_by_label("Số điện thoại").fill(SENDER["sender_phone"])
    # The honeypot is off screen: people never see it, scripts still fill it.
    box = page.locator("input[name=website]").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0
    page.wait_for_timeout(1200)
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/phan-anh/da-gui*")
    assert "Cảm ơn bạn đã gửi phản ánh" in page.inner_text("main")

    page.goto(server.url + "/phan-anh")
    assert "Đề nghị tổ chức tuyên truyền ở xã" not in page.inner_text("main")

    rt = server.runtime
    coordinator = principal(rt, "dieuphoi.ninhbinh")
    with rt.session() as s:
        fid = s.scalar(select(FeedbackRow.id))
        actor = Actor(label="dieuphoi.ninhbinh")
        feedback.moderate(s, coordinator, actor, fid, "published")
        feedback.respond(
            s, coordinator, actor, fid, "Sở sẽ tổ chức tuyên truyền tại các xã trong quý IV."
        )
        s.commit()
    for path in ("/phan-anh", f"/phan-anh/{fid}", f"/ke-hoach/{world.ha_nam}", "/tinh-thanh/37"):
        page.goto(server.url + path)
        text = page.content()
        assert "Đề nghị tổ chức tuyên truyền ở xã" in text, path
        assert "Sở sẽ tổ chức tuyên truyền tại các xã" in text, path
        for value in SENDER.values():
            assert value not in text, (path, value)
    assert page.get_by_text("Đã trả lời").first.is_visible()


def test_a_too_short_feedback_shows_the_errors_next_to_the_fields(portal):
    page, server, world = portal
    page.goto(f"{server.url}/phan-anh/gui?ke_hoach={world.ha_nam}")
    page.get_by_label("Tiêu đề").fill("Góp ý")
    page.get_by_label("Nội dung phản ánh, kiến nghị").fill("Quá ngắn")
    page.wait_for_timeout(1200)
    page.get_by_role("button", name="Gửi phản ánh").click()
    summary = page.locator(".form-errors")
    assert "ít nhất 20 ký tự" in summary.inner_text()
    body = page.get_by_label("Nội dung phản ánh, kiến nghị")
    assert body.get_attribute("aria-invalid") == "true"
    assert body.input_value() == "Quá ngắn"
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "body"
