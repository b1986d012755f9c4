from django.urls import path

from reports.views import review as views

app_name = "review"
urlpatterns = [
    path("programmes/<int:pk>/reviews/", views.reviews, name="reviews"),
    path("programmes/<int:pk>/reviews/new/", views.new_review, name="new"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/sign/", views.sign_review, name="sign"),
    path("reviews/<int:pk>/refresh/", views.refresh, name="refresh"),
    path("reviews/<int:pk>/figures/", views.override, name="override"),
    path(
        "reviews/<int:pk>/figures/clear/", views.clear_override, name="clear-override"
    ),
    path("reviews/<int:pk>/payment/", views.instalments, name="instalments"),
    path("reviews/<int:pk>/review.pdf", views.review_pdf, name="pdf"),
]
