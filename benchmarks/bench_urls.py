"""The site's URLs plus /bench/trivial/, for benchmark runs only.

The trivial view goes through the whole middleware stack with the signed-in
session (session and user read from the database, as every page does) and answers
two bytes: the floor that each page's throughput is compared with."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from daccom.urls import urlpatterns as site_urlpatterns


@require_safe
def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial, name="bench-trivial"), *site_urlpatterns]
