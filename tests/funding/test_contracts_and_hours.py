"""Contracts with key personnel, and the resource hours page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import LogEntry
from funding.models import InvoiceStatus, KeyPersonContract
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_executive_adds_a_contract_and_sees_the_hours_invoiced_against_it(
    client, reserve_scheme, executive
):
    person = factories.person(reserve_scheme.programme.consortium)
    client.force_login(executive)
    url = reverse("reserve:add-contract", args=[reserve_scheme.pk])
    data = {
        "person": person.pk,
        "role": "Clinical lead, urgent care",
        "hours_per_year": "150",
        "rate": "71.25",
        "starts_on": "2007-04-01",
        "ends_on": "2008-03-31",
    }
    assert client.post(url, {**data, "hours_per_year": "0"}).status_code == 200
    assert client.post(url, {**data, "ends_on": "2007-01-01"}).status_code == 200
    assert client.post(url, data).status_code == 302
    contract = KeyPersonContract.objects.get()
    assert LogEntry.objects.for_object(contract).get().action == (
        "funding.contract.created"
    )
    for status, hours in (
        (InvoiceStatus.APPROVED, "10.00"),
        (InvoiceStatus.SUBMITTED, "3.00"),
        (InvoiceStatus.REJECTED, "99.00"),
    ):
        factories.invoice(
            reserve_scheme,
            executive,
            person=person,
            contract=contract,
            status=status,
            hours=hours,
        )
    page = client.get(reverse("reserve:contracts", args=[reserve_scheme.pk]))
    record = page.context["table"].page.object_list[0].record
    assert (record.hours_invoiced, record.hours_awaiting) == (
        Decimal("10.00"),
        Decimal("3.00"),
    )


def test_the_hours_page_shows_the_reserve_as_hours(
    client, reserve_scheme, executive, project
):
    factories.resource(reserve_scheme.programme, project=project, hours=Decimal("20"))
    factories.invoice(
        reserve_scheme,
        executive,
        project=project,
        status=InvoiceStatus.APPROVED,
        hours="4.00",
    )
    client.force_login(executive)
    page = client.get(reverse("reserve:hours", args=[reserve_scheme.pk]))
    # £1,000.00 in at £71.25 an hour = 14.035… → 14.04 hours.
    assert page.context["received_hours"] == Decimal("14.04")
    total = page.context["total"]
    assert (total.allocated, total.used, total.remaining) == (
        Decimal("20.00"),
        Decimal("4.00"),
        Decimal("16.00"),
    )


def test_an_executive_sets_the_hourly_rate(client, reserve_scheme, executive):
    client.force_login(executive)
    url = reverse("reserve:change-hourly-rate", args=[reserve_scheme.pk])
    assert client.post(url, {"hourly_rate": "0"}).status_code == 200
    assert client.post(url, {"hourly_rate": "80.00"}).status_code == 302
    reserve_scheme.refresh_from_db()
    assert reserve_scheme.hourly_rate == Decimal("80.00")
    entry = LogEntry.objects.for_object(reserve_scheme).latest("when")
    assert entry.action == "funding.scheme.hourly_rate_set"
