from django.urls import path

from governance import meeting_views as views

app_name = "meetings"


def _part_urls(part):
    return [
        path(
            f"<int:pk>/{part}/add/", views.add_part, {"part": part}, name=f"add-{part}"
        ),
        path(
            f"{part}/<int:pk>/remove/",
            views.remove_part_view,
            {"part": part},
            name=f"remove-{part}",
        ),
    ]


urlpatterns = [
    path("", views.meeting_list, name="meetings"),
    path("new/", views.add_meeting, name="add-meeting"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/edit/", views.change_meeting, name="change-meeting"),
    path("<int:pk>/finalise/", views.finalise, name="finalise"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/next/", views.start_next, name="start-next"),
    path("records/<int:pk>/download/", views.record_pdf, name="record-pdf"),
    *_part_urls("attendance"),
    *_part_urls("item"),
    *_part_urls("action"),
    path(
        "item/<int:pk>/edit/", views.change_part, {"part": "item"}, name="change-item"
    ),
    path(
        "action/<int:pk>/edit/",
        views.change_part,
        {"part": "action"},
        name="change-action",
    ),
    path("actions/", views.action_list, name="actions"),
    path(
        "action/<int:pk>/done/",
        views.close_action,
        {"how": "done"},
        name="complete-action",
    ),
    path(
        "action/<int:pk>/drop/", views.close_action, {"how": "drop"}, name="drop-action"
    ),
    path("action/<int:pk>/reopen/", views.reopen, name="reopen-action"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
