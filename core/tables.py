from django.core.paginator import EmptyPage, PageNotAnInteger
from django_tables2 import RequestConfig

PER_PAGE = 25
MAX_PER_PAGE = 100


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
            table.paginate(page=max(page, 1), per_page=per_page)
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
