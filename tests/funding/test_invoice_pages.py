"""Adding and changing an invoice, its PDF, the invoices table and who sees what."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import LogEntry
from funding.models import Invoice, InvoiceStatus
from governance.models import Organisation
from governance.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 an invoice"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _form(scheme, **changes):
    data = {
        "person": factories.person(scheme.programme.consortium).pk,
        "meeting": "Executive Committee meeting",
        "meeting_on": "2007-02-22",
        "invoice_date": "2007-02-23",
        "hours": "1.25",
        "rate": "71.25",
        "amount": "89.06",
        "upload": SimpleUploadedFile("invoice.pdf", PDF),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _add(client, scheme, **changes):
    return client.post(
        reverse("reserve:add-invoice", args=[scheme.pk]), _form(scheme, **changes)
    )


def test_an_executive_submits_an_invoice_with_its_pdf(
    client, reserve_scheme, executive
):
    client.force_login(executive)
    response = _add(client, reserve_scheme)
    invoice = Invoice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == invoice.get_absolute_url()
    # 1.25 hours × £71.25 = £89.0625: £89.06 to the penny.
    assert (invoice.status, invoice.amount) == (
        InvoiceStatus.SUBMITTED,
        Decimal("89.06"),
    )
    assert invoice.submitted_by == executive
    assert LogEntry.objects.for_object(invoice).get().action == (
        "funding.invoice.submitted"
    )
    download = client.get(reverse("reserve:invoice-file", args=[invoice.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hours": "0"}, "hours", "Give more than zero."),
        ({"rate": "-71.25"}, "rate", "Give more than zero."),
        ({"amount": "0.00"}, "amount", "Give more than zero."),
        ({"amount": "89.07"}, "amount", "1.25 hours × £71.25 make £89.06, not £89.07."),
        ({"upload": None}, "upload", "This field is required."),
        ({"meeting_on": ""}, "project", "Give the project, or the meeting"),
    ],
)
def test_bad_figures_are_form_errors_and_nothing_is_lost(
    client, reserve_scheme, executive, changes, field, message
):
    client.force_login(executive)
    response = _add(client, reserve_scheme, **changes)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert not Invoice.objects.exists()
    assert 'value="Executive Committee meeting"' in response.content.decode()


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(
    client, reserve_scheme, executive
):
    client.force_login(executive)
    png = SimpleUploadedFile("invoice.pdf", b"\x89PNG\r\n\x1a\n rest")
    response = _add(client, reserve_scheme, upload=png)
    assert "not a PDF" in response.context["form"].errors["upload"][0]
    assert not Invoice.objects.exists()


def test_an_invoice_sent_back_is_corrected_and_resubmitted(
    client, reserve_scheme, executive
):
    invoice = factories.invoice(
        reserve_scheme, executive, status=InvoiceStatus.CHANGES_REQUESTED
    )
    client.force_login(executive)
    url = reverse("reserve:change-invoice", args=[invoice.pk])
    data = _form(reserve_scheme, person=invoice.person_id)
    data.update(hours="2.00", rate="50.00", amount="100.00")
    assert client.post(url, data).status_code == 302
    client.post(reverse("reserve:resubmit-invoice", args=[invoice.pk]))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.hours) == (InvoiceStatus.SUBMITTED, Decimal("2.00"))
    actions = set(LogEntry.objects.for_object(invoice).values_list("action", flat=True))
    assert actions == {"funding.invoice.changed", "funding.invoice.resubmitted"}


def test_an_approved_invoice_can_no_longer_be_changed(
    client, reserve_scheme, executive
):
    invoice = factories.invoice(
        reserve_scheme, executive, status=InvoiceStatus.APPROVED
    )
    client.force_login(executive)
    response = client.get(reverse("reserve:change-invoice", args=[invoice.pk]))
    assert response.status_code == 302


def test_a_practice_manager_sees_only_their_own_practices_invoices(
    client, reserve_scheme, practice, practice_manager, executive, consortium
):
    own = factories.invoice(reserve_scheme, executive, practice=practice)
    colleague = factories.invoice(
        reserve_scheme, executive, person=factories.person(practice)
    )
    neighbour = factories.organisation(
        Organisation.Kind.PRACTICE, list_size=1000, member_of=consortium
    )
    other = factories.invoice(reserve_scheme, executive, practice=neighbour)
    client.force_login(practice_manager)
    listed = client.get(reverse("reserve:invoices", args=[reserve_scheme.pk]))
    shown = {row.record.pk for row in listed.context["table"].page.object_list}
    assert shown == {own.pk, colleague.pk}
    assert client.get(other.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("reserve:contracts", args=[reserve_scheme.pk])).status_code
        == 404
    )


def test_the_pct_and_executives_see_every_invoice(client, reserve_scheme, users):
    neighbour = factories.organisation(Organisation.Kind.PRACTICE, list_size=1)
    invoice = factories.invoice(reserve_scheme, users["executive"], practice=neighbour)
    for who in ("pct", "executive"):
        client.force_login(users[who])
        assert client.get(invoice.get_absolute_url()).status_code == 200


def test_the_invoices_table_filters_sorts_and_exports(
    client, reserve_scheme, executive, project
):
    early = factories.invoice(
        reserve_scheme, executive, invoice_date=datetime.date(2007, 1, 10)
    )
    late = factories.invoice(
        reserve_scheme,
        executive,
        project=project,
        status=InvoiceStatus.APPROVED,
        invoice_date=datetime.date(2007, 3, 10),
    )
    client.force_login(executive)
    url = reverse("reserve:invoices", args=[reserve_scheme.pk])

    def shown(query):
        table = client.get(url + query).context["table"]
        return [row.record.pk for row in table.page.object_list]

    assert shown("?status=approved") == [late.pk]
    assert shown(f"?project={project.pk}") == [late.pk]
    assert shown(f"?person={early.person_id}") == [early.pk]
    assert shown("?date_from=2007-02-01") == [late.pk]
    assert shown("?date_to=2007-02-01") == [early.pk]
    assert shown("?sort=-invoice_date") == [late.pk, early.pk]
    assert client.get(url + "?date_from=nonsense").status_code == 400
    csv = b"".join(client.get(url + "?_export=csv").streaming_content).decode()
    assert csv.splitlines()[0].lstrip("\ufeff").startswith("Invoice,Dated,From,For")
    assert len(csv.splitlines()) == 3


@pytest.mark.parametrize("count", [3, 60])
def test_the_invoices_table_runs_as_many_queries_at_any_size(
    client, reserve_scheme, executive, count, django_assert_max_num_queries
):
    for _ in range(count):
        factories.invoice(reserve_scheme, executive)
    client.force_login(executive)
    with django_assert_max_num_queries(8):
        client.get(reverse("reserve:invoices", args=[reserve_scheme.pk]))
    with django_assert_max_num_queries(11):
        client.get(reverse("reserve:ledger", args=[reserve_scheme.pk]))


def test_the_dashboard_shows_invoices_waiting_for_each_role(
    client, reserve_scheme, users
):
    factories.invoice(reserve_scheme, users["executive"], number="WAITING-1")
    factories.invoice(
        reserve_scheme,
        users["executive"],
        number="TO-PAY-1",
        status=InvoiceStatus.APPROVED,
    )
    client.force_login(users["executive"])
    page = client.get(reverse("programmes:dashboard")).content.decode()
    assert "Invoices waiting for your approval" in page
    client.force_login(users["pct"])
    page = client.get(reverse("programmes:dashboard")).content.decode()
    assert "Invoices approved, waiting for payment" in page
    client.force_login(users["practice_manager"])
    page = client.get(reverse("programmes:dashboard")).content.decode()
    assert 'data-testid="invoices-waiting"' not in page


def test_an_executive_of_another_consortium_gets_404(client, invoice):
    other = factories.organisation(Organisation.Kind.CONSORTIUM)
    outsider = factories.user(Role.EXECUTIVE, factories.person(other))
    client.force_login(outsider)
    assert client.get(invoice.get_absolute_url()).status_code == 404
