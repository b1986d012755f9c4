"""Django admin works under the Content Security Policy (the context fixture fails
the test on any violation)."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from programmes.models import Programme, Task
from tests.browser.conftest import DEMO_PASSWORD


def test_admin_pages_and_their_scripts_work_under_the_policy(page):
    get_user_model().objects.create_superuser("admin", password=DEMO_PASSWORD)
    programme = Programme.objects.first()
    task = Task.objects.first()

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    # Change list: actions.js ticks every row from the header checkbox.
    page.goto("/admin/programmes/task/")
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_contain_text("selected")

    # Change form: DateTimeShortcuts.js adds "Today"; SelectFilter2.js builds the
    # two-box chooser for filter_horizontal; inlines.js the "Add another" link.
    page.goto(f"/admin/programmes/programme/{programme.pk}/change/")
    expect(page.get_by_role("link", name="Today").first).to_be_visible()
    expect(page.locator("#id_partners_from")).to_be_visible()
    expect(page.locator(".add-row a").first).to_be_visible()

    # simple-history's history page.
    page.goto(f"/admin/programmes/task/{task.pk}/history/")
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()
