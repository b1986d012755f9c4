"""Real-browser tests: headless Chromium (Debian's) driven by Playwright's sync API.

Every test here gets a fresh database holding the demo data, a live server, and
a new browser context (1366×768) in one Chromium shared by the whole session.
Without /usr/bin/chromium the whole directory is skipped, never failed.
"""

import os

# Playwright's sync API runs an asyncio event loop in the test thread; Django
# would otherwise refuse the ORM calls made there (fixtures, assertions).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import io  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402

BROWSER_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BROWSER_DIR.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = (
    f"Chromium not found at {CHROMIUM}: browser tests skipped; "
    "install it with apt-get install chromium"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = BROWSER_DIR / "vendor" / "axe.min.js"
SCREENSHOT_DIR = PROJECT_DIR / "test-results" / "screenshots"

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
DEMO_PASSWORD = "daccom-demo"
# Auto-waiting assertions give up after this long; a healthy page answers in
# well under a second.
TIMEOUT_MS = 10_000


def _in_this_directory(item):
    try:
        Path(str(item.path)).resolve().relative_to(BROWSER_DIR)
    except ValueError:
        return False
    return True


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason=CHROMIUM_MISSING)
    chromium_missing = not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK))
    for item in items:
        if not _in_this_directory(item):
            continue
        item.add_marker(pytest.mark.browser)
        if chromium_missing:
            item.add_marker(skip)


# ---------------------------------------------------------------------------
# Browser, context, page
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def demo_data(transactional_db, django_db_serialized_rollback):
    """The demo data and its three sign-ins, in a database the live server sees.

    transactional_db empties every table after each test; the serialized rollback puts
    back what the migrations created (the role groups) before the next one.
    """
    call_command("loaddemo", "--with-demo-users", verbosity=0, stdout=io.StringIO())


# Every page reports each Content-Security-Policy violation to the test.
CSP_LISTENER_JS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def context(browser, live_server, demo_data):
    """A new browser context per test: no cookies or storage shared between tests.

    The test fails if any page it visited broke the Content Security Policy, seen
    either as a securitypolicyviolation event or as Chromium's console message.
    """
    context = browser.new_context(
        base_url=live_server.url,
        viewport=LAPTOP,
        locale="en-GB",
        timezone_id="Europe/London",
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    violations = []

    def on_violation(description):
        violations.append(description)

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    context.expose_function("__cspViolation", on_violation)
    context.add_init_script(CSP_LISTENER_JS)
    context.on("console", on_console)
    yield context
    context.close()
    assert not violations, "Content Security Policy violations:\n" + "\n".join(
        violations
    )


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def sign_in(page, username, password=DEMO_PASSWORD):
    """Sign in through the form, by its labels; stay on whatever page it leads to."""
    from playwright.sync_api import expect

    if "/accounts/login/" not in page.url:
        page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    expect(page.get_by_test_id("signed-in-as")).to_be_attached()


def check_accessibility(page, *, label=None):
    """Run axe-core on the page now; fail on any serious or critical violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the page's policy forbids inline
        # script, and the test must not loosen it.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    # Let CSS transitions (a button fading into its hover colours) finish: axe
    # would otherwise measure the contrast of a colour halfway through.
    page.evaluate(
        "async () => await Promise.all(document.getAnimations()"
        ".filter((a) => a.effect?.getTiming().iterations !== Infinity)"
        ".map((a) => a.finished))"
    )
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    bad = [
        v for v in results["violations"] if v.get("impact") in ("serious", "critical")
    ]
    if bad:
        lines = [f"Accessibility violations on {label or page.url}:"]
        for violation in bad:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} "
                f"[{violation.get('helpUrl', '')}]"
            )
            for node in violation["nodes"]:
                lines.append(
                    f"    at {node['target']}: {node.get('failureSummary', '')}"
                )
        pytest.fail("\n".join(lines), pytrace=False)
    return results


def screenshot(page, name):
    """A full-page PNG in test-results/screenshots/ (gitignored)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


PAGE_OVERFLOW_JS = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


def assert_no_horizontal_page_scroll(page):
    """Wide tables may scroll inside their own box, but the page itself must not."""
    overflow = page.evaluate(PAGE_OVERFLOW_JS)
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
