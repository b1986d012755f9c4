"""A URL configuration whose one view fails, for the 500 page's test."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path


@login_not_required
def fail(request):
    raise RuntimeError("a deliberate failure")


urlpatterns = [path("fail/", fail)]
