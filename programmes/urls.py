from django.urls import path

from programmes.views import evidence, pages, tasks

app_name = "programmes"

programme_urls = [
    path("programmes/", pages.programme_list, name="programmes"),
    path("programmes/<int:pk>/", pages.programme_detail, name="programme"),
    path("programmes/<int:pk>/achievement/", pages.achievement, name="achievement"),
    path("programmes/<int:pk>/tasks/", tasks.task_list, name="tasks"),
    path("programmes/<int:pk>/tasks/change/", tasks.bulk_change, name="bulk-change"),
    path("programmes/<int:pk>/review/", pages.review, name="review"),
    path("programmes/<int:pk>/review.pdf", pages.review_pdf, name="review-pdf"),
]

task_urls = [
    path("objectives/<int:pk>/", tasks.objective_detail, name="objective"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task"),
    path("tasks/<int:pk>/row/", tasks.task_row, name="task-row"),
    path("tasks/<int:pk>/edit/", tasks.edit_task, name="edit-task"),
]

evidence_urls = [
    path("tasks/<int:pk>/comments/", evidence.comment_on_task, name="comment"),
    path("tasks/<int:pk>/evidence/", evidence.add_task_evidence, name="add-evidence"),
    path("evidence/<int:pk>/file/", evidence.evidence_file, name="evidence-file"),
]

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    *programme_urls,
    *task_urls,
    *evidence_urls,
]
