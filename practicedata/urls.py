from django.urls import path

from practicedata import views

app_name = "practicedata"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("programmes/<int:pk>/import/", views.import_returns_view, name="import"),
    path("<int:pk>/", views.practice_detail, name="practice"),
    path("<int:pk>/returns/new/", views.enter_return, name="enter-return"),
]
