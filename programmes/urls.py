from django.urls import path

from programmes.views import evidence, meeting_links, pages, plan, tasks

app_name = "programmes"

programme_urls = [
    path("programmes/", pages.programme_list, name="programmes"),
    path("programmes/<int:pk>/", pages.programme_detail, name="programme"),
    path("programmes/<int:pk>/achievement/", pages.achievement, name="achievement"),
    path("programmes/<int:pk>/tasks/", tasks.task_list, name="tasks"),
    path("programmes/<int:pk>/tasks/change/", tasks.bulk_change, name="bulk-change"),
    path("programmes/<int:pk>/review/", pages.review, name="review"),
    path("programmes/<int:pk>/review.pdf", pages.review_pdf, name="review-pdf"),
    path(
        "programmes/<int:pk>/review/pdf/",
        pages.review_pdf_status,
        name="review-pdf-status",
    ),
]

task_urls = [
    path("objectives/<int:pk>/", tasks.objective_detail, name="objective"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task"),
    path("tasks/<int:pk>/row/", tasks.task_row, name="task-row"),
    path("tasks/<int:pk>/edit/", tasks.edit_task, name="edit-task"),
]


def _plan_item_urls(kind, prefix, parent_prefix):
    """Add (under its parent), change, archive, restore, remove, and for objectives
    and tasks move: `programmes:add-objective`, `programmes:move-task`, …"""
    actions = ["change", "archive", "restore", "remove"]
    if plan.KINDS[kind].movable:
        actions.append("move")
    views = {
        "change": plan.change_item,
        "archive": plan.archive_item,
        "restore": plan.restore_item,
        "remove": plan.remove_item,
        "move": plan.move_item,
    }
    return [
        path(
            f"{parent_prefix}/<int:pk>/{prefix}/new/",
            plan.add_item,
            {"kind": kind},
            name=f"add-{kind}",
        ),
        *(
            path(
                f"{prefix}/<int:pk>/{action}/",
                views[action],
                {"kind": kind},
                name=f"{action}-{kind}",
            )
            for action in actions
        ),
    ]


plan_urls = [
    path("programmes/new/", plan.add_programme, name="add-programme"),
    path("programmes/<int:pk>/edit/", plan.change_programme, name="change-programme"),
    path("programmes/<int:pk>/plan/", plan.programme_plan, name="plan"),
    *_plan_item_urls("objective", "objectives", "programmes"),
    *_plan_item_urls("task", "tasks", "objectives"),
    *_plan_item_urls("project", "projects", "programmes"),
    *_plan_item_urls("target", "targets", "programmes"),
    *_plan_item_urls("criterion", "criteria", "programmes"),
    *_plan_item_urls("resource", "resources", "programmes"),
]

evidence_urls = [
    path("tasks/<int:pk>/comments/", evidence.comment_on_task, name="comment"),
    path("tasks/<int:pk>/evidence/", evidence.add_task_evidence, name="add-evidence"),
    path("evidence/<int:pk>/file/", evidence.evidence_file, name="evidence-file"),
    path("tasks/<int:pk>/meetings/", meeting_links.meeting_links, name="meeting-links"),
]

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    *programme_urls,
    *task_urls,
    *plan_urls,
    *evidence_urls,
]
