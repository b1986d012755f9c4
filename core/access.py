"""Who may see or change an object: one helper per question (STYLE.md §8).

A model's QuerySet says what a user may see (`visible_to(user)`) and the model
says whether they may change it (`is_writable_by(user)`). Someone outside the
object's programme or practice gets 404, so nothing reveals that it exists; a
member who may only read gets 403 when they try to write.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def get_object_for_user(request, queryset, **lookup):
    """(object, can_write) for the signed-in user, or 404 if they may not see it."""
    obj = get_object_or_404(queryset.visible_to(request.user), **lookup)
    return obj, obj.is_writable_by(request.user)


def get_rw_object_for_user(request, queryset, **lookup):
    """The object if the user may change it; 404 if they may not see it, else 403."""
    obj, can_write = get_object_for_user(request, queryset, **lookup)
    if not can_write:
        raise PermissionDenied
    return obj


def access_required(allowed):
    """For a function view: refuse (403) a signed-in user for whom `allowed(user)`
    is false, e.g. someone with no role in any organisation."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class ObjectAccessMixin:
    """For a class view (DetailView, UpdateView): `get_object` goes through the
    helpers above; `write_access = True` asks for the read-write one."""

    write_access = False

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        lookup = {"pk": self.kwargs[self.pk_url_kwarg]}
        if self.write_access:
            self.can_write = True
            return get_rw_object_for_user(self.request, queryset, **lookup)
        obj, self.can_write = get_object_for_user(self.request, queryset, **lookup)
        return obj

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_write=self.can_write, **kwargs)
