"""The whole reporting cycle in real headless Chromium against a running server:
a reporter fills and submits a report with an evidence file, the coordinator
returns it, the reporter fixes and resubmits, the coordinator approves, and
the approved value appears on the plan's page."""

import pytest

from tests.reporting_support import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(page, base, username):
    page.goto(f"{base}/dang-nhap")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".user-box").inner_text().count(username) == 1


def test_report_is_filled_returned_fixed_and_approved(browser, live_server, tmp_path):
    base = live_server.url
    world = build_world(live_server.runtime)
    evidence = tmp_path / "bien-ban-hoi-nghi.pdf"
    evidence.write_bytes(PDF)
    reporter = browser.new_context(locale="vi-VN").new_page()
    coordinator = browser.new_context(locale="vi-VN").new_page()

    # The reporter opens the agency's report for the quarter and attaches evidence.
    sign_in(reporter, base, "baocao.skhcn")
    reporter.goto(f"{base}/bao-cao")
    row = reporter.locator("table.reports tbody tr", has_text="Quý III/2026")
    row.get_by_role("button", name="Lập báo cáo").click()
    reporter.wait_for_url(f"{base}/bao-cao/*")
    report_url = reporter.url.split("?")[0]
    reporter.set_input_files("#ev-file", str(evidence))
    reporter.click("#evidence-form button[type=submit]")
    reporter.wait_for_url("**tb=evidence_added**")
    assert reporter.locator("ul.evidence").inner_text().startswith("bien-ban-hoi-nghi.pdf")

    # Fill in the task and the targets, then save and submit.
    t, v0, v1 = world.tasks[0], world.targets[0], world.targets[1]
    reporter.select_option(f"#t-{t}-status", "in_progress")
    reporter.fill(f"#t-{t}-percent_done", "40")
    reporter.fill(f"#t-{t}-done_text", "Đã tổ chức 3 hội nghị tuyên truyền.")
    reporter.fill(f"#v-{v0}-value", "45,5")
    reporter.fill(f"#v-{v0}-as_of", "30/09/2026")
    reporter.fill(f"#v-{v1}-note", "Chưa có số liệu thống kê quý.")
    reporter.click("#submit-report")
    reporter.wait_for_url("**tb=report_submitted**")
    assert reporter.locator("#report-status").get_attribute("data-status") == "submitted"

    # The coordinator returns it with a comment.
    sign_in(coordinator, base, "dieuphoi.ht")
    coordinator.goto(report_url)
    assert "bien-ban-hoi-nghi.pdf" in coordinator.locator("ul.evidence").inner_text()
    coordinator.fill("#return-comment", "Đề nghị bổ sung số doanh nghiệp công nghệ số.")
    coordinator.click("#return")
    coordinator.wait_for_url("**tb=report_returned**")

    # The reporter sees the comment, fixes the report and submits again.
    reporter.goto(report_url)
    assert "bổ sung số doanh nghiệp" in reporter.locator("#review-comment").inner_text()
    assert reporter.locator(".bell-count").inner_text() != "0"
    reporter.fill(f"#v-{v1}-value", "1.234")
    reporter.fill(f"#v-{v1}-as_of", "30/09/2026")
    reporter.fill(f"#v-{v1}-note", "")
    reporter.click("#submit-report")
    reporter.wait_for_url("**tb=report_submitted**")

    # The coordinator approves.
    coordinator.goto(report_url)
    coordinator.click("#approve")
    coordinator.wait_for_url("**tb=report_approved**")
    assert coordinator.locator("#report-status").get_attribute("data-status") == "approved"

    # The approved values are on the plan's public page.
    public = browser.new_context(locale="vi-VN").new_page()
    public.goto(f"{base}/ke-hoach/{world.plan_id}")
    cell = public.locator(f"tr:has(#target-{v0}) .latest-value")
    assert "45,5" in cell.inner_text() and "30/09/2026" in cell.inner_text()
    assert "1.234" in public.locator(f"tr:has(#target-{v1}) .latest-value").inner_text()
    for context in (reporter.context, coordinator.context, public.context):
        context.close()
