from django.urls import path

from governance import framework_views as views

app_name = "framework"

urlpatterns = [
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework"),
    path(
        "frameworks/<int:pk>/interim-funding/new/",
        views.add_interim_funding,
        name="add-interim-funding",
    ),
    path("frameworks/<int:pk>/areas/new/", views.add_area, name="add-area"),
    path("frameworks/<int:pk>/targets/new/", views.add_target, name="add-target"),
    path("framework-levels/<int:pk>/edit/", views.change_level, name="change-level"),
    path("framework-targets/<int:pk>/", views.target_detail, name="target"),
    path("framework-targets/<int:pk>/edit/", views.change_target, name="change-target"),
    path(
        "framework-targets/<int:pk>/position/",
        views.edit_position,
        name="edit-position",
    ),
]
