from django.urls import path

from programmes import views

app_name = "programmes"

programme_urls = [
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/achievement/", views.achievement, name="achievement"),
    path("programmes/<int:pk>/tasks/", views.task_list, name="tasks"),
    path("programmes/<int:pk>/review/", views.review, name="review"),
    path("programmes/<int:pk>/review.pdf", views.review_pdf, name="review-pdf"),
]

task_urls = [
    path("objectives/<int:pk>/", views.objective_detail, name="objective"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/row/", views.task_row, name="task-row"),
    path("tasks/<int:pk>/edit/", views.edit_task, name="edit-task"),
]

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    *programme_urls,
    *task_urls,
]
