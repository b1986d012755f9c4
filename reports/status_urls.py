from django.urls import path

from reports.views import status

app_name = "status"
urlpatterns = [
    path("status/", status.report_list, name="list"),
    path("status/new/", status.report_start, name="start"),
    path("status/<int:pk>/", status.report_detail, name="report"),
    path("status/<int:pk>/narrative/", status.report_edit, name="edit"),
    path("status/<int:pk>/refresh/", status.report_refresh, name="refresh"),
    path("status/<int:pk>/publish/", status.report_publish, name="publish"),
    path("status/<int:pk>/pdf/", status.report_pdf, name="pdf"),
]
