"""Journey: the practice manager reads the LES agreement's documents, signs it,
and, once the consortium has countersigned, downloads the sealed PDF."""

from django.contrib.auth.models import User
from playwright.sync_api import expect

from agreements.models import PracticeAgreement
from core.sealing import check_seal
from core.signing import sign
from tests.browser.conftest import check_accessibility, screenshot, sign_in


def test_the_practice_manager_reads_signs_and_downloads(page):
    sign_in(page, "practice")
    panel = page.get_by_test_id("pending-agreements")
    expect(panel).to_contain_text("Fernville Surgery")
    panel.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Agreement between Fernville Surgery and DacCom PbC Ltd"
    )
    agreement_url = page.url
    check_accessibility(page, label="practice agreement")
    screenshot(page, "practice-agreement-laptop")

    # Read every document the practice signs up on.
    documents = page.get_by_test_id("agreement-documents").get_by_role("link")
    expect(documents).to_have_count(4)
    for href in [documents.nth(i).get_attribute("href") for i in range(4)]:
        page.goto(href)
        expect(page.get_by_text("SHA-256 of this text")).to_be_visible()
    page.goto(agreement_url)

    # A signature with no confirmation is refused, and the form keeps the name.
    page.get_by_label("Your full name").fill("Janet Whitmore")
    page.get_by_label("Your role").fill("Practice manager")
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_text("Confirm that you are authorised")).to_be_visible()
    expect(page.get_by_label("Your full name")).to_have_value("Janet Whitmore")

    page.get_by_label("I confirm that I am authorised").check()
    page.get_by_role("button", name="Sign the agreement").click()
    expect(
        page.get_by_text("Signed for Fernville Surgery by Janet Whitmore")
    ).to_be_visible()
    expect(page.get_by_text("Signed, awaiting countersignature")).to_be_visible()

    # The consortium countersigns (an executive member, outside this browser).
    agreement = PracticeAgreement.objects.get(practice__name="Fernville Surgery")
    sign(
        agreement,
        party="consortium",
        user=User.objects.get(username="mjones"),
        typed_name="Mark Jones",
        typed_role="Executive member",
        authorised=True,
        seen_sha256=agreement.content_sha256,
    )
    page.reload()
    expect(page.get_by_test_id("agreement-status")).to_contain_text("Signed by both")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the signed PDF").click()
    content = open(download_info.value.path(), "rb").read()
    agreement.refresh_from_db()
    assert content == agreement.sealed.read()
    assert check_seal(content).valid
