import django_tables2 as tables

from commissioning.models import Proposal, ServiceArea

ATTRS = {"class": "table table-sm table-hover align-top"}


class ServiceAreaTable(tables.Table):
    name = tables.Column("Service area", linkify=True)
    level_of_input = tables.Column("Level of input", default="Not yet defined")
    clinical_lead = tables.Column("Clinical lead", default="—")
    management_lead = tables.Column("Management lead", default="—")
    consortium = tables.Column("Consortium", accessor="consortium__short_name")

    class Meta:
        model = ServiceArea
        fields = ()
        sequence = (
            "name",
            "level_of_input",
            "clinical_lead",
            "management_lead",
            "consortium",
        )
        order_by = ("order",)
        attrs = ATTRS

    def render_level_of_input(self, record):
        return record.get_level_of_input_display()

    def value_level_of_input(self, record):
        return record.get_level_of_input_display() or "Not yet defined"


class ProposalTable(tables.Table):
    title = tables.Column("Proposal", linkify=True)
    raised_by = tables.Column("Raised by")
    service_area = tables.Column("Service area", default="—")
    received_on = tables.DateColumn("j M Y", verbose_name="Received")
    stage = tables.Column("Stage")
    delegate = tables.Column("Studied by", default="—")
    decided_on = tables.DateColumn("j M Y", verbose_name="Decided", default="—")
    minute_number = tables.Column("Minute", default="—")

    class Meta:
        model = Proposal
        fields = ()
        sequence = (
            "title",
            "raised_by",
            "service_area",
            "received_on",
            "stage",
            "delegate",
            "decided_on",
            "minute_number",
        )
        attrs = ATTRS
