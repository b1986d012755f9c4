"""The reserve, its invoices, hours, contracts and statements, under /funding/."""

from django.urls import path

from funding.models import TRANSITIONS
from funding.views import invoices, reserve

app_name = "reserve"

urlpatterns = [
    path("schemes/<int:pk>/reserve/", reserve.reserve_ledger, name="ledger"),
    path("schemes/<int:pk>/hours/", reserve.resource_hours, name="hours"),
    path(
        "schemes/<int:pk>/hourly-rate/",
        reserve.change_hourly_rate,
        name="change-hourly-rate",
    ),
    path("schemes/<int:pk>/contracts/", reserve.contracts, name="contracts"),
    path("schemes/<int:pk>/contracts/new/", reserve.add_contract, name="add-contract"),
    path(
        "contracts/<int:pk>/change/",
        reserve.change_contract,
        name="change-contract",
    ),
    path("schemes/<int:pk>/statements/", reserve.statements, name="statements"),
    path("statements/<int:pk>/", reserve.statement_pdf, name="statement-pdf"),
    path("schemes/<int:pk>/invoices/", invoices.invoice_list, name="invoices"),
    path("schemes/<int:pk>/invoices/new/", invoices.add_invoice, name="add-invoice"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice"),
    path("invoices/<int:pk>/change/", invoices.change_invoice, name="change-invoice"),
    path("invoices/<int:pk>/file/", invoices.invoice_file, name="invoice-file"),
    # One URL per named move: approve-invoice, reject-invoice, pay-invoice, …
    *(
        path(
            f"invoices/<int:pk>/{name}/",
            invoices.move,
            {"transition": name},
            name=f"{name}-invoice",
        )
        for name in TRANSITIONS
    ),
]
