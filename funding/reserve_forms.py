"""Forms for invoices, their moves, contracts with key personnel, and the
invoices table's filters."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat

from core import uploads
from core.forms import CleanTextFormMixin, LeanSelect
from funding.calculations import to_penny
from funding.models import Invoice, InvoiceStatus, KeyPersonContract
from governance.models import Organisation, Person
from programmes.models import Project

DATE_WIDGET = {"type": "date"}
DATE_INPUTS = ["%Y-%m-%d", "%d/%m/%Y"]


def _date_widget():
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


def _people_of(consortium):
    """The consortium's people and its practices' people."""
    return Person.objects.filter(
        Q(organisation=consortium) | Q(organisation__member_of=consortium)
    ).select_related("organisation")


class InvoiceForm(CleanTextFormMixin, forms.ModelForm):
    """An invoice as written: who, for what, hours × rate = amount, and its PDF."""

    upload = forms.FileField(
        label="The invoice (PDF)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )

    class Meta:
        model = Invoice
        fields = [
            "person",
            "practice",
            "project",
            "meeting",
            "meeting_on",
            "contract",
            "number",
            "invoice_date",
            "hours",
            "rate",
            "amount",
            "description",
        ]
        widgets = {
            "person": LeanSelect,
            "practice": LeanSelect,
            "project": LeanSelect,
            "contract": LeanSelect,
            "meeting_on": _date_widget(),
            "invoice_date": _date_widget(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"person": "A person, or else a practice below."}

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        consortium = scheme.programme.consortium
        self.fields["person"].queryset = _people_of(consortium)
        self.fields["practice"].queryset = Organisation.objects.practices().filter(
            member_of=consortium
        )
        self.fields["project"].queryset = Project.objects.active().filter(
            programme=scheme.programme
        )
        self.fields["contract"].queryset = scheme.contracts.select_related("person")
        for name in ("meeting_on", "invoice_date"):
            self.fields[name].input_formats = DATE_INPUTS
        has_file = bool(self.instance.pk and self.instance.file)
        self.fields["upload"].required = not has_file
        if has_file:
            self.fields[
                "upload"
            ].help_text = (
                f"Now: {self.instance.file_name}. Choose a file only to replace it."
            )
        else:
            self.fields[
                "upload"
            ].help_text = (
                f"A PDF of at most {filesizeformat(settings.EVIDENCE_MAX_BYTES)}."
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("person", css_class="col-md-6"),
                Column("practice", css_class="col-md-6"),
            ),
            Row(
                Column("project", css_class="col-md-4"),
                Column("meeting", css_class="col-md-5"),
                Column("meeting_on", css_class="col-md-3"),
            ),
            Row(
                Column("contract", css_class="col-md-6"),
                Column("number", css_class="col-md-3"),
                Column("invoice_date", css_class="col-md-3"),
            ),
            Row(
                Column("hours", css_class="col-sm-4"),
                Column("rate", css_class="col-sm-4"),
                Column("amount", css_class="col-sm-4"),
            ),
            "description",
            "upload",
        )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if not upload:
            return None
        limit = settings.EVIDENCE_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                "The file is %(size)s; the most allowed is %(limit)s.",
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                },
            )
        if uploads.sniff(upload) is not uploads.PDF:
            raise forms.ValidationError(
                "This file is not a PDF, whatever its name says.", code="not_pdf"
            )
        if not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(
                "This file is a PDF, but its name ends otherwise: rename it to end "
                "in .pdf.",
                code="name_does_not_match_content",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        hours, rate, amount = (cleaned.get(n) for n in ("hours", "rate", "amount"))
        if (
            None not in (hours, rate, amount)
            and hours > 0
            and rate > 0
            and amount > 0
            and to_penny(hours * rate) != amount
        ):
            self.add_error(
                "amount",
                forms.ValidationError(
                    "%(hours)s hours × £%(rate)s make £%(expected)s, not £%(amount)s.",
                    code="hours_times_rate",
                    params={
                        "hours": f"{hours.normalize():f}",
                        "rate": rate,
                        "expected": f"{to_penny(hours * rate):,}",
                        "amount": f"{to_penny(amount):,}",
                    },
                ),
            )
        contract = cleaned.get("contract")
        person = cleaned.get("person")
        if contract is not None and person is not None and contract.person != person:
            self.add_error(
                "contract",
                forms.ValidationError(
                    "That contract is %(person)s's.",
                    code="contract_of_another",
                    params={"person": contract.person},
                ),
            )
        return cleaned

    def fields_to_save(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def _post_clean(self):
        # The model's own checks run in the service, with the scheme set.
        self.instance.scheme = self.scheme
        super()._post_clean()


class ReasonForm(CleanTextFormMixin, forms.Form):
    reason = forms.CharField(
        label="Reason", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(
        label="Paid on", widget=_date_widget(), input_formats=DATE_INPUTS
    )


class InvoiceFilterForm(forms.Form):
    """Query-string filters for a scheme's invoices."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *InvoiceStatus.choices],
        widget=LeanSelect,
    )
    project = forms.ModelChoiceField(
        label="Project",
        required=False,
        queryset=Project.objects.none(),
        empty_label="Any project or meeting",
        widget=LeanSelect,
    )
    person = forms.ModelChoiceField(
        label="Person",
        required=False,
        queryset=Person.objects.none(),
        empty_label="Anyone",
        widget=LeanSelect,
    )
    date_from = forms.DateField(
        label="Dated from",
        required=False,
        widget=_date_widget(),
        input_formats=DATE_INPUTS,
    )
    date_to = forms.DateField(
        label="to", required=False, widget=_date_widget(), input_formats=DATE_INPUTS
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(
            programme=scheme.programme
        )
        self.fields["person"].queryset = Person.objects.filter(
            pk__in=scheme.invoices.values("person")
        )

    def filter(self, invoices):
        data = self.cleaned_data
        if data["status"]:
            invoices = invoices.filter(status=data["status"])
        if data["project"]:
            invoices = invoices.filter(project=data["project"])
        if data["person"]:
            invoices = invoices.filter(person=data["person"])
        if data["date_from"]:
            invoices = invoices.filter(invoice_date__gte=data["date_from"])
        if data["date_to"]:
            invoices = invoices.filter(invoice_date__lte=data["date_to"])
        return invoices


class ContractForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = KeyPersonContract
        fields = [
            "person",
            "role",
            "hours_per_year",
            "rate",
            "starts_on",
            "ends_on",
            "notes",
        ]
        widgets = {
            "person": LeanSelect,
            "starts_on": _date_widget(),
            "ends_on": _date_widget(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.scheme = scheme
        self.fields["person"].queryset = _people_of(scheme.programme.consortium)
        for name in ("starts_on", "ends_on"):
            self.fields[name].input_formats = DATE_INPUTS
        if not self.instance.pk:
            self.initial.setdefault("starts_on", scheme.starts_on)
            self.initial.setdefault("ends_on", scheme.ends_on)
            if scheme.hourly_rate:
                self.initial.setdefault("rate", scheme.hourly_rate)


class HourlyRateForm(forms.Form):
    hourly_rate = forms.DecimalField(
        label="Hourly rate for GP or manager time (£)",
        max_digits=7,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="e.g. 71.25: the plan's £71,250 reserve covers 1,000 hours.",
    )
