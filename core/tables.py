from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.template import Context
from django.template.base import render_value_in_context
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2 import RequestConfig
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.columns.manytomanycolumn import ManyToManyColumn
from django_tables2.utils import Accessor, AttributeDict, signature

PER_PAGE = 25

# A pk no real row has, to reverse a URL once and fill in each pk after.
_PLACEHOLDER = 987654321012
_url_patterns = {}


def pk_url(name, pk):
    """reverse(name, args=[pk]) for a URL taking one pk, reversed once per name:
    a page of 25 rows links each row two or three times."""
    key = (name, get_script_prefix())
    pattern = _url_patterns.get(key)
    if pattern is None:
        pattern = reverse(name, args=[_PLACEHOLDER]).split(str(_PLACEHOLDER))
        if len(pattern) != 2:  # the placeholder must appear exactly once
            return reverse(name, args=[pk])
        _url_patterns[key] = pattern
    return f"{pattern[0]}{int(pk)}{pattern[1]}"


MAX_PER_PAGE = 100


class _Page(Page):
    # A page is a page even before its rows are read: django-tables2's template
    # asks `{% if table.page %}`, which would otherwise fetch the rows, even when
    # the body comes from the cache.
    def __bool__(self):
        return True


class _Paginator(Paginator):
    def _get_page(self, *args, **kwargs):
        return _Page(*args, **kwargs)


class BoundedRequestConfig(RequestConfig):
    """RequestConfig that takes `per_page` from the query string only within
    1..MAX_PER_PAGE (django-tables2 passes -1 or 0 straight to the paginator)."""

    def __init__(self, request, per_page=PER_PAGE):
        super().__init__(request, paginate={"per_page": per_page})

    def configure(self, table):
        table.request = self.request
        order_by = self.request.GET.getlist(table.prefixed_order_by_field)
        if order_by:
            table.order_by = order_by
        per_page = _int_or_none(self.request.GET.get(table.prefixed_per_page_field))
        if per_page is None or not 1 <= per_page <= MAX_PER_PAGE:
            per_page = self.paginate["per_page"]
        page = _int_or_none(self.request.GET.get(table.prefixed_page_field)) or 1
        try:
            table.paginate(
                paginator_class=_Paginator, page=max(page, 1), per_page=per_page
            )
        except PageNotAnInteger:
            table.page = table.paginator.page(1)
        except EmptyPage:
            table.page = table.paginator.page(table.paginator.num_pages)
        return table


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def paginate(request, table, per_page=PER_PAGE):
    return BoundedRequestConfig(request, per_page).configure(table)


class LeanRowsMixin:
    """A django-tables2 table whose body rows are written in one Python loop.

    django-tables2 renders each cell through the template engine and works out, for
    every cell, the accessor, the display function, the render method's signature
    and the cell's attributes: on a 25-row page that was most of the page's time.
    Here each column's plan is worked out once per table and every row is written
    with it; the HTML is the same as bootstrap5.html's row loop (the templates
    using it override `table.tbody` with `{{ table.lean_tbody }}`).

    Column attributes that are callables, or columns asking for localisation, fall
    back to django-tables2's own per-cell path.
    """

    # Set by a view to keep the written rows in the cache under that key: the key
    # must change with anything the rows show (see programmes.views.tasks).
    tbody_cache_key = None
    TBODY_CACHE_SECONDS = 60 * 60

    def lean_tbody(self):
        if self.tbody_cache_key is None:
            return lean_tbody(self)
        html = cache.get(self.tbody_cache_key)
        if html is None:
            html = lean_tbody(self)
            cache.set(self.tbody_cache_key, html, self.TBODY_CACHE_SECONDS)
        return html


def lean_tbody(table):
    context = Context(autoescape=True)
    plans = [_ColumnPlan(table, column) for column in table.columns]
    parts = [
        format_html("<tbody {}>", table.attrs.get("tbody", AttributeDict()).as_html())
    ]
    rows = 0
    for row in table.paginated_rows:
        rows += 1
        cells = "".join(plan.cell(row, context) for plan in plans)
        parts.append(f"<tr {row.attrs.as_html()}>{cells}</tr>")
    if not rows and table.empty_text:
        parts.append(
            format_html(
                '<tr><td colspan="{}">{}</td></tr>', len(plans), table.empty_text
            )
        )
    parts.append("</tbody>")
    return mark_safe("".join(parts))  # each piece escaped as the template would


class _ColumnPlan:
    """How to write one column's cells, worked out once."""

    def __init__(self, table, bound_column):
        self.bound_column = bound_column
        self.column = column = bound_column.column
        self.accessor = Accessor(bound_column.accessor)
        self.table = table
        raw_td = {**table.attrs, **column.attrs}.get(
            "td", {**table.attrs, **column.attrs}.get("cell", {})
        )
        self.slow = column.localize is not None or _has_callables(raw_td)
        self.td = None if self.slow else bound_column.attrs["td"].as_html()
        self.render = bound_column.render
        self.render_args, self.render_kwargs_name = signature(self.render)
        self.display = {}  # record class → whether to use get_FOO_display()
        self.is_m2m = isinstance(column, ManyToManyColumn)

    def cell(self, row, context):
        if self.slow:
            content = row.get_cell(self.bound_column.name)
            bound = self.bound_column
            bound.current_value, bound.current_record = content, row.record
            td = bound.attrs["td"].as_html()
        else:
            content, td = self.content(row), self.td
        return f"<td {td}>{render_value_in_context(content, context)}</td>"

    def content(self, row):
        record = row.record
        value = None
        accessor = self.accessor
        penultimate, remainder = accessor.penultimate(record)
        if isinstance(penultimate, models.Model):
            use_display = self.display.get(type(penultimate))
            if use_display is None:
                use_display = self.display[type(penultimate)] = self._uses_display(
                    record, penultimate, remainder
                )
            if use_display:
                value = getattr(penultimate, f"get_{remainder}_display")()
                remainder = None
        if remainder:
            try:
                value = accessor.resolve(record)
            except Exception:
                if (
                    isinstance(self.column, BaseLinkColumn)
                    and self.column.text is not None
                ):
                    return self._call(row, None)
        if value in self.column.empty_values or (self.is_m2m and not value.exists()):
            return self.bound_column.default
        return self._call(row, value)

    def _uses_display(self, record, penultimate, remainder):
        try:
            field = self.accessor.get_field(record)
        except FieldDoesNotExist:
            return False
        return bool(
            getattr(field, "choices", ())
            and getattr(penultimate, f"get_{remainder}_display", None)
        )

    def _call(self, row, value):
        kwargs = {
            "value": value,
            "record": row.record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": self.table,
        }
        if self.render_kwargs_name:
            content = self.render(**kwargs)
        else:
            if any(arg not in kwargs for arg in self.render_args):
                content = None
            else:
                content = self.render(**{k: kwargs[k] for k in self.render_args})
        link = self.bound_column.link
        return link(content, **kwargs) if link else content


def _has_callables(attrs):
    return any(
        callable(value) or (isinstance(value, dict) and _has_callables(value))
        for value in attrs.values()
    )
