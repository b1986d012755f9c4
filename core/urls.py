from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("verify/", views.verify_document, name="verify"),
]
