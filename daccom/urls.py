from django.contrib import admin
from django.urls import include, path

from governance.views import PasswordResetView

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("funding/", include("funding.urls")),
    path("governance/", include("governance.framework_urls")),
    path("commissioning/", include("commissioning.urls")),
    path("funding/", include("funding.reserve_urls")),
    path("", include("core.urls")),
    path("", include("agreements.urls")),
    path("meetings/", include("governance.meeting_urls")),
    path("reports/", include("reports.review_urls")),
    path("reports/", include("reports.status_urls")),
    path("practices/", include("practicedata.urls")),
    path("", include("programmes.urls")),
]
