"""Every URL of the site × every kind of visitor × GET and POST, against a declared
table of who may do what. The URL list comes from the URL configuration itself, so
a new view without a row here fails `test_every_url_has_a_row`."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse

from commissioning.models import MOVES
from core import uploads
from governance.models import Membership, Organisation
from programmes.services import add_evidence
from tests import factories

VISITORS = [
    "anonymous",
    "no_role",  # signed in, but a member of nothing
    "other_practice",  # manager of a practice in another consortium
    "own_practice",  # manager of a practice of the programme's consortium
    "pct",  # reviewer at the partner PCT
    "executive",  # executive member of the programme's consortium
]
SIGN_IN = 302  # anonymous visitors are sent to sign in

# Expected (GET, POST) status for each visitor, by kind of page.
PROGRAMME_READ = {
    "anonymous": (SIGN_IN, SIGN_IN),
    "no_role": (404, 405),
    "other_practice": (404, 405),
    "own_practice": (200, 405),
    "pct": (200, 405),
    "executive": (200, 405),
}
PROGRAMME_EDIT = {
    "anonymous": (SIGN_IN, SIGN_IN),
    "no_role": (404, 404),
    "other_practice": (404, 404),
    "own_practice": (403, 403),
    "pct": (403, 403),
    "executive": (200, 200),  # an empty POST shows the form's errors
}
# A plan change confirmed on its own page: GET shows the question, POST does it.
PLAN_CONFIRMED = {**PROGRAMME_EDIT, "executive": (200, 302)}
# A plan change made by a button (POST only): restore, and move (400 without a
# direction).
PLAN_BUTTON = {
    "anonymous": (SIGN_IN, SIGN_IN),
    "no_role": (405, 404),
    "other_practice": (405, 404),
    "own_practice": (405, 403),
    "pct": (405, 403),
    "executive": (405, 302),
}
PLAN_MOVE = {**PLAN_BUTTON, "executive": (405, 400)}
# Only an executive member of some consortium may start a programme.
NEW_PROGRAMME = {
    "anonymous": (SIGN_IN, SIGN_IN),
    "no_role": (403, 403),
    "other_practice": (403, 403),
    "own_practice": (403, 403),
    "pct": (403, 403),
    "executive": (200, 200),
}
# Preparing a copy of what they may read changes no record: readers may ask.
PROGRAMME_READ_PREPARE = {
    "anonymous": (SIGN_IN, SIGN_IN),
    "no_role": (404, 404),
    "other_practice": (404, 404),
    "own_practice": (200, 302),
    "pct": (200, 302),
    "executive": (200, 302),
}
MEMBERS_PAGE = {
    "anonymous": (SIGN_IN, SIGN_IN),
    "no_role": (403, 403),
    "other_practice": (200, 405),
    "own_practice": (200, 405),
    "pct": (200, 405),
    "executive": (200, 405),
}


# Adding to a task (comments, evidence): POST only, for those who may update it.
TASK_ADD = {
    **PROGRAMME_EDIT,
    "no_role": (405, 404),
    "other_practice": (405, 404),
    "own_practice": (405, 403),
    "pct": (405, 403),  # the fixture task is led by the consortium
    "executive": (405, 200),  # an empty POST shows the form's errors
}
# Changing many tasks at once: executives, and PCT members for the tasks they may
# update (Task.is_writable_by); an empty POST says what is missing.
BULK_CHANGE = {**TASK_ADD, "pct": (405, 200)}


# Funding (funding/views): a scheme's pages that list every practice's part are for
# executives and PCT staff; a practice manager reads the scheme's totals and their
# own practice's part only.
WHOLE_SCHEME_READ = {**PROGRAMME_READ, "own_practice": (403, 405)}
# Recording a practice not yet listed: without one chosen, back to the list.
ADD_PARTICIPATION = {**PROGRAMME_EDIT, "executive": (302, 302)}
# The reserve's pages for executives and PCT staff only (contracts with key
# personnel): a practice manager gets 404, as for anything they may not see.
ACCOUNTS_READ = {**PROGRAMME_READ, "own_practice": (404, 405)}
ACCOUNTS_EDIT = {**PROGRAMME_EDIT, "own_practice": (404, 404)}
# Issuing a funding statement: executives and PCT staff read the list;
# executives issue one with a POST.
STATEMENTS = {
    **PROGRAMME_READ,
    "no_role": (404, 404),
    "other_practice": (404, 404),
    "own_practice": (404, 404),  # a statement names every invoice's payee
    "pct": (200, 403),
    "executive": (200, 302),
}
# Marking an invoice paid is the PCT's move; the fixture invoice is only
# submitted, so the PCT is sent back to it with a message.
PAY_INVOICE = {
    **PROGRAMME_EDIT,
    "pct": (302, 302),
    "executive": (403, 403),
}
# Signing the plan: POST only. Those who may sign for a party (the executive, the
# PCT reviewer as the PCT's lead) see the form's errors for an empty POST; readers
# who may sign for none are refused.
PLAN_SIGN = {**TASK_ADD, "pct": (405, 200), "executive": (405, 200)}


# Agreement packs: executives and PCT staff only (a practice manager sees only
# their own agreements, so a pack, which lists every practice, is a 404).
PACK_READ = {**PROGRAMME_READ, "own_practice": (404, 405)}
PACK_EDIT = {**PROGRAMME_EDIT, "own_practice": (404, 404)}
PACK_BUTTON = {**PLAN_BUTTON, "own_practice": (405, 404)}
PACK_CONFIRMED = {**PACK_EDIT, "executive": (200, 302)}
# A practice's agreement: its manager signs or declines, an executive countersigns
# (an empty POST shows the form's errors), the PCT reads.
AGREEMENT_SIGN = {**PLAN_SIGN, "own_practice": (405, 200), "pct": (405, 403)}
AGREEMENT_DECLINE = {
    **PLAN_SIGN,
    "own_practice": (405, 302),  # the reason is optional
    "pct": (405, 403),
    "executive": (405, 403),
}

# The DES achievement review (reports): drafts for executives and PCT staff only
# (a practice manager's draft is a 404); executives change a draft; the
# consortium declares, the PCT approves (an empty POST shows the form's errors).
REVIEW_DRAFT = {**PROGRAMME_READ, "own_practice": (404, 405)}
REVIEW_EDIT = {**PROGRAMME_EDIT, "own_practice": (404, 404)}
REVIEW_BUTTON = {**PLAN_BUTTON, "own_practice": (405, 404)}
REVIEW_SIGN = {**REVIEW_BUTTON, "pct": (405, 200), "executive": (405, 200)}


def _everyone(get, post):
    return {visitor: (get, post) for visitor in VISITORS}


def _signed_in_only(get, post):
    return {**_everyone(get, post), "anonymous": (SIGN_IN, SIGN_IN)}


# Each kind of plan item, and the fixture its "add" URL hangs off.
PLAN_PARENTS = {
    "objective": "programme",
    "task": "objective",
    "project": "programme",
    "target": "programme",
    "criterion": "programme",
    "resource": "programme",
}

# url name: (what its arguments come from, expected statuses)
MATRIX = {
    "programmes:dashboard": (None, MEMBERS_PAGE),
    "programmes:programmes": (None, MEMBERS_PAGE),
    "programmes:programme": ("programme", PROGRAMME_READ),
    "programmes:achievement": ("programme", PROGRAMME_READ),
    "programmes:tasks": ("programme", PROGRAMME_READ),
    "programmes:review": ("programme", PROGRAMME_READ),
    "programmes:review-pdf": ("programme", PROGRAMME_READ),
    "programmes:review-pdf-status": ("programme", PROGRAMME_READ_PREPARE),
    "programmes:objective": ("objective", PROGRAMME_READ),
    "programmes:task": ("task", PROGRAMME_READ),
    "programmes:task-row": ("task", PROGRAMME_READ),
    "programmes:edit-task": ("task", PROGRAMME_EDIT),
    # Editing the plan (programmes/views/plan.py).
    "programmes:add-programme": (None, NEW_PROGRAMME),
    "programmes:change-programme": ("programme", PROGRAMME_EDIT),
    "programmes:plan": ("programme", PROGRAMME_READ),
    **{
        f"programmes:add-{kind}": (parent, PROGRAMME_EDIT)
        for kind, parent in PLAN_PARENTS.items()
    },
    **{
        f"programmes:{action}-{kind}": (kind, expected)
        for kind in PLAN_PARENTS
        for action, expected in (
            ("change", PROGRAMME_EDIT),
            ("archive", PLAN_CONFIRMED),
            ("restore", PLAN_BUTTON),
            ("remove", PLAN_CONFIRMED),
        )
    },
    "programmes:move-objective": ("objective", PLAN_MOVE),
    "programmes:move-task": ("task", PLAN_MOVE),
    "programmes:bulk-change": ("programme", BULK_CHANGE),
    "programmes:comment": ("task", TASK_ADD),
    "programmes:add-evidence": ("task", TASK_ADD),
    "programmes:evidence-file": ("evidence_file", PROGRAMME_READ),
    # Funding: schemes, payments, participation (funding/views).
    "funding:schemes": (None, MEMBERS_PAGE),
    "funding:scheme": ("scheme", PROGRAMME_READ),
    "funding:payments": ("scheme", WHOLE_SCHEME_READ),
    "funding:achievement": ("scheme", PROGRAMME_READ),
    "funding:add-instalment": ("scheme", PROGRAMME_EDIT),
    "funding:participations": ("scheme", WHOLE_SCHEME_READ),
    "funding:add-participation": ("scheme", ADD_PARTICIPATION),
    "funding:participation": ("participation", PROGRAMME_READ),
    "funding:change-participation": ("participation", PROGRAMME_EDIT),
    "funding:statement": ("participation", PROGRAMME_READ),
    "funding:import-list-sizes": (None, NEW_PROGRAMME),
    # The governance framework (issue #18).
    "framework:frameworks": (None, MEMBERS_PAGE),
    "framework:framework": ("framework", PROGRAMME_READ),
    "framework:target": ("framework_target", PROGRAMME_READ),
    "framework:edit-position": ("framework_target", PROGRAMME_EDIT),
    "framework:add-interim-funding": ("framework", PROGRAMME_EDIT),
    "framework:add-area": ("framework", PROGRAMME_EDIT),
    "framework:add-target": ("framework", PROGRAMME_EDIT),
    "framework:change-target": ("framework_target", PROGRAMME_EDIT),
    "framework:change-level": ("framework_level", PROGRAMME_EDIT),
    # The business plan and the gatekeeper (issue #18).
    "commissioning:service-areas": (None, MEMBERS_PAGE),
    "commissioning:add-service-area": (None, NEW_PROGRAMME),
    "commissioning:service-area": ("service_area", PROGRAMME_READ),
    "commissioning:change-service-area": ("service_area", PROGRAMME_EDIT),
    "commissioning:add-service-role": ("service_area", PROGRAMME_EDIT),
    "commissioning:remove-service-role": ("service_role", PLAN_CONFIRMED),
    "commissioning:criteria": (None, MEMBERS_PAGE),
    "commissioning:add-criterion": (None, NEW_PROGRAMME),
    "commissioning:proposals": (None, MEMBERS_PAGE),
    "commissioning:add-proposal": (None, NEW_PROGRAMME),
    "commissioning:proposal": ("proposal", PROGRAMME_READ),
    # The fixture proposal has just been received: only screening is possible
    # (an empty POST shows the form's errors); every other move answers 409.
    "commissioning:proposal-screen": ("proposal", PROGRAMME_EDIT),
    **{
        f"commissioning:proposal-{action}": (
            "proposal",
            {**PROGRAMME_EDIT, "executive": (409, 409)},
        )
        for action in MOVES
        if action not in ("screen", "record-committee-decision")
    },
    # PCT staff record the Governance Committee's decision; executives may not.
    "commissioning:proposal-record-committee-decision": (
        "proposal",
        {**PROGRAMME_EDIT, "pct": (409, 409), "executive": (403, 403)},
    ),
    # The consortium's reserve (funding/reserve_urls.py).
    "reserve:ledger": ("reserve_scheme", ACCOUNTS_READ),
    "reserve:hours": ("reserve_scheme", PROGRAMME_READ),
    "reserve:change-hourly-rate": ("reserve_scheme", PROGRAMME_EDIT),
    "reserve:contracts": ("reserve_scheme", ACCOUNTS_READ),
    "reserve:add-contract": ("reserve_scheme", ACCOUNTS_EDIT),
    "reserve:change-contract": ("contract", ACCOUNTS_EDIT),
    "reserve:statements": ("reserve_scheme", STATEMENTS),
    "reserve:statement-pdf": ("statement", ACCOUNTS_READ),
    "reserve:invoices": ("reserve_scheme", PROGRAMME_READ),
    "reserve:add-invoice": ("reserve_scheme", PROGRAMME_EDIT),
    "reserve:invoice": ("invoice", PROGRAMME_READ),
    "reserve:change-invoice": ("invoice", PROGRAMME_EDIT),
    "reserve:invoice-file": ("invoice_with_file", PROGRAMME_READ),
    "reserve:approve-invoice": ("invoice", PLAN_BUTTON),
    "reserve:request-changes-invoice": ("invoice", PROGRAMME_EDIT),
    "reserve:resubmit-invoice": ("invoice", PLAN_BUTTON),
    "reserve:reject-invoice": ("invoice", PROGRAMME_EDIT),
    "reserve:pay-invoice": ("invoice", PAY_INVOICE),
    # Signed documents (core, agreements).
    "core:verify": (None, _everyone(200, 200)),
    "agreements:plan-approval": ("prepared_plan", PROGRAMME_READ),
    "agreements:prepare-plan": ("programme", PLAN_BUTTON),
    "agreements:sign-plan": ("prepared_plan", PLAN_SIGN),
    "agreements:plan-pdf": ("approved_plan", PROGRAMME_READ),
    "agreements:agreements": (None, MEMBERS_PAGE),
    "agreements:pack": ("pack", PACK_READ),
    "agreements:new-version": ("pack", PACK_EDIT),
    "agreements:new-document": ("draft_version", PACK_EDIT),
    "agreements:publish": ("draft_version", PACK_BUTTON),
    "agreements:invite": ("published_version", PACK_BUTTON),
    "agreements:withdraw": ("published_version", PACK_CONFIRMED),
    "agreements:agreement": ("invitation", PROGRAMME_READ),
    "agreements:sign": ("invitation", AGREEMENT_SIGN),
    "agreements:decline": ("invitation", AGREEMENT_DECLINE),
    "agreements:agreement-pdf": ("signed_agreement", PROGRAMME_READ),
    "agreements:document": ("agreement_document", PROGRAMME_READ),
    # The DES achievement review (reports/review_urls.py).
    "review:reviews": ("programme", PROGRAMME_READ),
    "review:new": ("programme", PROGRAMME_EDIT),
    "review:review": ("draft_review", REVIEW_DRAFT),
    "review:sign": ("draft_review", REVIEW_SIGN),
    "review:refresh": ("draft_review", REVIEW_BUTTON),
    "review:override": ("draft_review", REVIEW_EDIT),
    # Without an objective (asked, then confirmed), a bad request.
    "review:clear-override": ("draft_review", {**REVIEW_EDIT, "executive": (400, 400)}),
    "review:instalments": ("draft_review", REVIEW_EDIT),
    "review:pdf": ("agreed_review", PROGRAMME_READ),
    # Citing a minute, linking a meeting action: read by all who read the task.
    "programmes:meeting-links": (
        "task",
        {**PROGRAMME_EDIT, "own_practice": (200, 403), "pct": (200, 403)},
    ),
    # Django's sign-in pages, open to all (an empty POST re-shows the form).
    "login": (None, _everyone(200, 200)),
    "logout": (None, _signed_in_only(405, 302)),
    "password_reset": (None, _everyone(200, 200)),
    "password_reset_done": (None, _everyone(200, 405)),
    "password_reset_confirm": ("reset_link", _everyone(200, 200)),
    "password_reset_complete": (None, _everyone(200, 405)),
    "password_change": (None, _signed_in_only(200, 200)),
    "password_change_done": (None, _signed_in_only(200, 405)),
}
# Meetings (issue #18): a draft is the executive's; the PCT reads everything;
# practice managers read finalised records only, so a draft is 404 to them.
DRAFT_READ = {**PROGRAMME_READ, "own_practice": (404, 405)}
DRAFT_EDIT = {**PROGRAMME_EDIT, "own_practice": (404, 404)}
DRAFT_CONFIRMED = {**DRAFT_EDIT, "executive": (200, 302)}
ACTION_BUTTON = {**PLAN_BUTTON, "own_practice": (405, 404), "no_role": (405, 404)}
MATRIX.update(
    {
        "meetings:meetings": (None, MEMBERS_PAGE),
        "meetings:actions": (None, MEMBERS_PAGE),
        "meetings:add-meeting": ("needs:committee", NEW_PROGRAMME),
        "meetings:meeting": ("draft_meeting", DRAFT_READ),
        "meetings:change-meeting": ("draft_meeting", DRAFT_EDIT),
        # An empty draft cannot be finalised: the POST says so on the meeting page.
        "meetings:finalise": ("draft_meeting", DRAFT_CONFIRMED),
        "meetings:correct": ("draft_meeting", DRAFT_CONFIRMED),
        "meetings:record-pdf": ("meeting_record", PROGRAMME_READ),
        "meetings:add-attendance": ("draft_meeting", DRAFT_EDIT),
        "meetings:add-item": ("draft_meeting", DRAFT_EDIT),
        "meetings:add-action": ("draft_meeting", DRAFT_EDIT),
        "meetings:remove-attendance": ("attendance_line", DRAFT_CONFIRMED),
        "meetings:remove-item": ("minute_item", DRAFT_CONFIRMED),
        "meetings:remove-action": ("meeting_action", DRAFT_CONFIRMED),
        "meetings:change-item": ("minute_item", DRAFT_EDIT),
        "meetings:change-action": ("meeting_action", DRAFT_EDIT),
        "meetings:complete-action": ("meeting_action", DRAFT_EDIT),
        "meetings:drop-action": ("meeting_action", DRAFT_EDIT),
        "meetings:reopen-action": ("meeting_action", ACTION_BUTTON),
        # Without a next date, the POST says so on the meeting page.
        "meetings:start-next": ("draft_meeting", ACTION_BUTTON),
        "meetings:calendar": (
            None,
            {**MEMBERS_PAGE, **{v: (200, 302) for v in VISITORS[2:]}},
        ),
        # The secret address is the key: no sign-in.
        "meetings:calendar-feed": ("calendar_feed", _everyone(200, 405)),
    }
)
# Status reports (issue #19): a draft is the executives' alone (404 to everyone
# else, the PCT too); a published report is read by the consortium's practices and
# the PCT, and changes no more (editing it is refused).
STATUS_DRAFT_EDIT = {
    **PROGRAMME_EDIT,
    "own_practice": (404, 404),
    "pct": (404, 404),
}
MATRIX.update(
    {
        "status:list": (None, MEMBERS_PAGE),
        "status:start": (None, NEW_PROGRAMME),
        "status:report": ("status_published", PROGRAMME_READ),
        "status:pdf": ("status_published", PROGRAMME_READ),
        "status:edit": ("status_draft", STATUS_DRAFT_EDIT),
        "status:refresh": (
            "status_draft",
            {**PLAN_BUTTON, "own_practice": (405, 404), "pct": (405, 404)},
        ),
        "status:publish": (
            "status_draft",
            {**STATUS_DRAFT_EDIT, "executive": (200, 302)},
        ),
    }
)
# Practice data (issue #22): a practice manager sees their own practice's page and
# enters its returns; executives and PCT staff read every practice's; importing
# returns is the executive's.
MATRIX.update(
    {
        "practicedata:index": (None, MEMBERS_PAGE),
        "practicedata:indicator": ("practice_indicator", PROGRAMME_READ),
        "practicedata:import": ("programme", PROGRAMME_EDIT),
        "practicedata:practice": ("practice", PROGRAMME_READ),
        "practicedata:enter-return": (
            "practice",
            {**PROGRAMME_EDIT, "own_practice": (200, 200), "executive": (403, 403)},
        ),
    }
)
# Django admin: staff only, its own login; see tests/*/test_admin.py.
NOT_IN_MATRIX = {"admin"}


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_IN_MATRIX:
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else ""
            yield from _url_names(pattern.url_patterns, prefix or namespace)
        else:
            yield namespace + pattern.name if pattern.name else str(pattern.pattern)


def test_every_url_has_a_row():
    names = set(_url_names(get_resolver().url_patterns))
    assert sorted(names) == sorted(MATRIX)


@pytest.fixture
def visitors(consortium, practice, pct, executive, reviewer, practice_manager):
    other_consortium = factories.organisation(Organisation.Kind.CONSORTIUM)
    other_practice = factories.organisation(
        Organisation.Kind.PRACTICE, list_size=5000, member_of=other_consortium
    )
    return {
        "anonymous": None,
        "no_role": factories.user(),
        "other_practice": factories.user(
            Membership.Role.PRACTICE_MANAGER, factories.person(other_practice)
        ),
        "own_practice": practice_manager,
        "pct": reviewer,
        "executive": executive,
    }


def _url(name, source, request):
    if source is None:
        return reverse(name)
    if source == "reset_link":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "set-password"})
    if source.startswith("needs:"):
        request.getfixturevalue(source.removeprefix("needs:"))
        return reverse(name)
    if source == "calendar_feed":
        return reverse(name, args=[request.getfixturevalue(source).token])
    return reverse(name, args=[request.getfixturevalue(source).pk])


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("name", MATRIX)
def test_access(client, visitors, task, request, name, visitor, method):
    source, expected = MATRIX[name]
    if visitors[visitor] is not None:
        client.force_login(visitors[visitor])
    url = _url(name, source, request)
    response = client.get(url) if method == "GET" else client.post(url, {})
    want = expected[visitor][0 if method == "GET" else 1]
    assert response.status_code == want, f"{method} {url} as {visitor}"
    if want == SIGN_IN and visitor == "anonymous" and name != "logout":
        assert response["Location"].startswith(reverse("login"))


# A PCT member may update a task their PCT leads (or owns): the same URLs, a task the
# PCT leads, and only the PCT's row differs from the rows above.
PCT_LED_TASK = {
    "programmes:edit-task": {**PROGRAMME_EDIT, "pct": (200, 200)},
    "programmes:comment": {**TASK_ADD, "pct": (405, 200)},
    "programmes:add-evidence": {**TASK_ADD, "pct": (405, 200)},
    "programmes:meeting-links": {
        **PROGRAMME_EDIT,
        "own_practice": (200, 403),
        "pct": (200, 200),
    },
}


@pytest.fixture
def practice_indicator(programme):
    from tests.practicedata import helpers

    return helpers.indicator(programme)


@pytest.fixture
def pct_led_task(objective, pct):
    return factories.task(objective, pct, order=2)


@pytest.fixture
def prepared_plan(programme, executive, reviewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return factories.plan_approval(programme, executive, reviewer).programme


@pytest.fixture
def approved_plan(programme, executive, reviewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return factories.plan_approval(programme, executive, reviewer, True).programme


@pytest.fixture
def draft_review(programme, executive, reviewer):
    return factories.achievement_review(programme, executive, reviewer)


@pytest.fixture
def agreed_review(programme, executive, reviewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return factories.achievement_review(
        programme, executive, reviewer, signed=True, as_at="2006-12-31"
    )


@pytest.fixture
def pack(programme, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme.refresh_from_db()
    return factories.agreement_pack(programme)


@pytest.fixture
def draft_version(pack, executive):
    return factories.agreement_version(pack, executive, published=False)


@pytest.fixture
def published_version(pack, executive):
    return factories.agreement_version(pack, executive)


@pytest.fixture
def invitation(published_version, executive, practice):
    return factories.practice_agreement(published_version, executive, practice)


@pytest.fixture
def signed_agreement(published_version, executive, practice, practice_manager):
    return factories.practice_agreement(
        published_version, executive, practice, practice_manager
    )


@pytest.fixture
def agreement_document(invitation):
    return invitation.version.documents.get()


@pytest.fixture
def evidence_file(task, executive, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes")
    return add_evidence(
        task, description="Minutes", user=executive, upload=upload, kind=uploads.PDF
    )


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("name", PCT_LED_TASK)
def test_access_to_a_task_the_pct_leads(
    client, visitors, pct_led_task, name, visitor, method
):
    if visitors[visitor] is not None:
        client.force_login(visitors[visitor])
    url = reverse(name, args=[pct_led_task.pk])
    response = client.get(url) if method == "GET" else client.post(url, {})
    want = PCT_LED_TASK[name][visitor][0 if method == "GET" else 1]
    assert response.status_code == want, f"{method} {url} as {visitor}"
