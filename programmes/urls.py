from django.urls import path

from programmes.views import pages, tasks

app_name = "programmes"

programme_urls = [
    path("programmes/", pages.programme_list, name="programmes"),
    path("programmes/<int:pk>/", pages.programme_detail, name="programme"),
    path("programmes/<int:pk>/achievement/", pages.achievement, name="achievement"),
    path("programmes/<int:pk>/tasks/", tasks.task_list, name="tasks"),
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

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    *programme_urls,
    *task_urls,
]
