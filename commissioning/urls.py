from django.urls import path

from commissioning import views
from commissioning.models import MOVES

app_name = "commissioning"

service_area_urls = [
    path("service-areas/", views.service_area_list, name="service-areas"),
    path("service-areas/new/", views.add_service_area, name="add-service-area"),
    path("service-areas/<int:pk>/", views.service_area_detail, name="service-area"),
    path(
        "service-areas/<int:pk>/edit/",
        views.change_service_area,
        name="change-service-area",
    ),
    path(
        "service-areas/<int:pk>/roles/new/",
        views.add_service_role,
        name="add-service-role",
    ),
    path(
        "service-roles/<int:pk>/remove/",
        views.remove_service_role,
        name="remove-service-role",
    ),
]

gatekeeper_urls = [
    path("criteria/", views.criteria, name="criteria"),
    path("criteria/new/", views.add_criterion, name="add-criterion"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/new/", views.add_proposal, name="add-proposal"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    # One page per move: commissioning:proposal-screen, …-decide, …
    *(
        path(
            f"proposals/<int:pk>/{action}/",
            views.move_proposal,
            {"action": action},
            name=f"proposal-{action}",
        )
        for action in MOVES
    ),
]

urlpatterns = [*service_area_urls, *gatekeeper_urls]
