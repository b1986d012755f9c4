"""Practices' list sizes from a CSV file: checked whole, shown, then imported."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.access import access_required
from funding.forms import ListSizeImportForm
from funding.services import ImportRefused, import_list_sizes, read_list_sizes
from governance.models import Organisation
from governance.roles import Role, access_of


def is_executive(user):
    access = access_of(user)
    return access.is_superuser or bool(access.organisations_with(Role.EXECUTIVE))


def _practices_for(user):
    """The practices whose list sizes `user` may set: their consortia's."""
    access = access_of(user)
    practices = Organisation.objects.practices()
    if not access.is_superuser:
        practices = practices.filter(
            member_of__in=access.organisations_with(Role.EXECUTIVE)
        )
    return practices


@access_required(is_executive)
@require_http_methods(["GET", "POST"])
def import_list_sizes_view(request):
    """GET: the form. POST: check every row; show what would change (new,
    changed, unchanged) or every error with its line; with `confirm`, import."""
    form = ListSizeImportForm(request.POST or None, request.FILES or None)
    rows, errors = None, None
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["content"]
        file_name = form.cleaned_data["file_name"] or "list-sizes.csv"
        try:
            rows = read_list_sizes(content, list(_practices_for(request.user)))
        except ImportRefused as refused:
            errors = refused.errors
        else:
            if request.POST.get("confirm") == "import":
                imported = import_list_sizes(
                    rows, file_name=file_name, user=request.user
                )
                messages.success(
                    request,
                    f"Imported {file_name}: {imported.created_count} new, "
                    f"{imported.changed_count} changed, "
                    f"{imported.unchanged_count} unchanged.",
                )
                return redirect("funding:import-list-sizes")
        form = ListSizeImportForm(initial={"content": content, "file_name": file_name})
    counts = None
    if rows is not None:
        counts = {
            outcome: sum(1 for row in rows if row.outcome == outcome)
            for outcome in ("new", "changed", "unchanged")
        }
    context = {"form": form, "rows": rows, "errors": errors, "counts": counts}
    return render(request, "funding/import_list_sizes.html", context)
