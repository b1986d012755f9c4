"""The lean renderers write the same HTML as the library code they stand in for:
django-tables2's row loop (core.tables.LeanRowsMixin), crispy-forms' field
(core.forms.LeanFieldsMixin) and the plan controls' template (plan_controls)."""

import datetime
import re
from decimal import Decimal

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from core.tables import paginate, pk_url
from programmes.forms import BulkChangeForm, TaskFilterForm
from programmes.models import Objective, Party, Task, TaskStatus
from programmes.tables import ObjectiveTable, TargetTable, TaskListTable, TaskTable
from tests import factories

STOCK = "django_tables2/bootstrap5-responsive.html"


def _compact(html):
    return re.sub(r"\s+<", "<", re.sub(r">\s+", ">", html)).strip()


def _tbody(html):
    return _compact(re.search(r"<tbody.*</tbody>", html, re.S).group(0))


def _both(table_class, data, user, **kwargs):
    """The table's body as written by the lean loop and by django-tables2's own
    template, from the same data and request."""
    request = RequestFactory().get("/somewhere/?page=1")
    request.user = user
    lean = paginate(request, table_class(data, **kwargs))
    stock = paginate(request, table_class(data, template_name=STOCK, **kwargs))
    return _tbody(lean.as_html(request)), _tbody(stock.as_html(request))


@pytest.fixture
def varied_tasks(objective, consortium, pct, executive):
    """Tasks covering every cell's branches: statuses, overdue, no date, no owner,
    a shortfall set on the task, HTML in the text, a supporting organisation."""
    made = []
    for i, status in enumerate(TaskStatus):
        made.append(
            factories.task(
                objective,
                consortium if i % 2 else pct,
                status=status,
                order=i + 1,
                date=datetime.date(2006, 5, i + 1) if i % 3 else None,
                owner=executive.person if i % 2 else None,
                description=f"Task <{i}> & “quotes” {'x' * 50 * (i % 2)}",
                note="Stopped by new PCT" if status == TaskStatus.STOPPED else "",
                shortfall_due_to=Party.PCT if status == TaskStatus.STOPPED else "",
                shortfall_reason="As the review says"
                if status == TaskStatus.STOPPED
                else "",
                supporting_organisation=consortium if i == 2 else None,
            )
        )
    return made


@pytest.mark.parametrize("editable", [True, False])
def test_task_rows_are_those_of_django_tables2(varied_tasks, executive, editable):
    tasks = (
        Task.objects.filter(pk__in=[t.pk for t in varied_tasks])
        .for_display()
        .with_can_update(executive)
        .order_by("order")
    )
    lean, stock = _both(TaskTable, tasks, executive, editable=editable)
    assert lean == stock
    assert lean.count("<tr ") == len(TaskStatus)


@pytest.mark.parametrize("who", ["executive", "pct"])
def test_task_list_rows_with_tick_boxes_are_those_of_django_tables2(
    varied_tasks, users, who
):
    user = users[who]
    tasks = (
        Task.objects.filter(pk__in=[t.pk for t in varied_tasks])
        .for_display()
        .with_can_update(user)
        .order_by("order")
    )
    lean, stock = _both(
        TaskListTable,
        tasks,
        user,
        editable=True,
        inline=False,
        show_objective=True,
        selectable=True,
    )
    # The tick box was a template column: its template ended with a newline.
    assert lean == stock.replace("\n</td>", "</td>")
    # The PCT member may update the tasks their PCT leads: a tick box for those.
    expected = len(TaskStatus) if who == "executive" else (len(TaskStatus) + 1) // 2
    assert lean.count('data-select="task"') == expected


def test_empty_task_table_says_so(executive):
    lean, stock = _both(TaskTable, Task.objects.none(), executive, editable=True)
    assert lean == stock
    assert "No tasks match." in lean


def test_objective_and_target_rows_are_those_of_django_tables2(
    programme, varied_tasks, executive
):
    assessed = factories.objective(
        programme,
        number=2,
        assessed_achieved=50,
        assessed_short_consortium=25,
        assessed_short_other=25,
        assessment_reason="As agreed",
    )
    factories.task(assessed, programme.consortium, status=TaskStatus.DONE)
    rows = list(Objective.objects.filter(programme=programme).with_achievement())
    totals = programme.achievement(rows)
    lean, stock = _both(
        ObjectiveTable, rows, executive, totals=totals, consortium_name="DacCom"
    )
    assert lean == stock
    assert "as assessed in the" in lean
    factories.target(programme, "1234.50", code="1.1")
    lean, stock = _both(
        TargetTable,
        programme.projects.first().targets.select_related("project"),
        executive,
        total=Decimal("1234.50"),
    )
    assert lean == stock
    assert "£1,234.50" in lean


@pytest.mark.parametrize(
    "form",
    [
        lambda programme: TaskFilterForm(
            {"q": "a<b", "status": "open"}, programme=programme
        ),
        lambda programme: TaskFilterForm({}, programme=programme),
        lambda programme: BulkChangeForm(),
    ],
)
def test_lean_fields_are_those_of_crispy_forms(form, programme, varied_tasks):
    form = form(programme)
    form.is_valid() if form.is_bound else None
    for name in form.fields:
        if name == "task":  # hidden: not on the page
            continue
        lean = _compact(str(form.lean[name]))
        crispy = _compact(as_crispy_field(form[name]))
        # crispy breaks its label tag over two lines.
        assert lean == re.sub(r"<label\s+for=", "<label for=", crispy), name


def test_a_field_with_errors_goes_through_crispy_forms(programme):
    form = TaskFilterForm({"q": "x" * 101}, programme=programme)
    assert not form.is_valid()
    assert "invalid-feedback" in str(form.lean["q"])


def test_plan_controls_are_those_of_the_template(programme, executive):
    request = RequestFactory().get("/")
    request.user = executive
    objective = factories.objective(programme, number=3, title="Fish & <chips>")
    for movable, first, last, archived in [
        (True, True, False, False),
        (True, False, True, False),
        (False, False, False, False),
        (False, False, False, True),
    ]:
        if archived:
            objective.archived_at = datetime.datetime(2007, 1, 1, tzinfo=datetime.UTC)
        context = {
            "kind": "objective",
            "item": objective,
            "movable": movable,
            "first": first,
            "last": last,
            "csrf_token": "TOKEN",
        }
        template = _compact(render_to_string("programmes/plan/_controls.html", context))
        tag = _compact(
            Template(
                "{% load plan_controls %}"
                "{% plan_controls kind item movable=movable first=first last=last %}"
            ).render(Context(context))
        )
        assert tag == template
        assert "Fish &amp; &lt;chips&gt;" in tag


@pytest.mark.parametrize(
    "name", ["programmes:task", "programmes:objective", "programmes:edit-task"]
)
@pytest.mark.parametrize("pk", [1, 42, 987654321])
def test_pk_url_is_reverse(name, pk):
    assert pk_url(name, pk) == reverse(name, args=[pk])
