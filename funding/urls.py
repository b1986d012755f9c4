from django.urls import path

from funding.views import list_sizes, participation, schemes

app_name = "funding"

scheme_urls = [
    path("", schemes.scheme_list, name="schemes"),
    path("schemes/<int:pk>/", schemes.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/payments/", schemes.practice_payments, name="payments"),
    path("schemes/<int:pk>/achievement/", schemes.achievement, name="achievement"),
    path(
        "schemes/<int:pk>/achievement/instalments/new/",
        schemes.add_instalment,
        name="add-instalment",
    ),
]

participation_urls = [
    path(
        "schemes/<int:pk>/participation/",
        participation.participation_list,
        name="participations",
    ),
    path(
        "schemes/<int:pk>/participation/new/",
        participation.add_participation,
        name="add-participation",
    ),
    path(
        "participations/<int:pk>/",
        participation.participation_detail,
        name="participation",
    ),
    path(
        "participations/<int:pk>/edit/",
        participation.change_participation,
        name="change-participation",
    ),
    path(
        "participations/<int:pk>/statement.pdf",
        participation.payment_statement,
        name="statement",
    ),
]

list_size_urls = [
    path(
        "list-sizes/import/",
        list_sizes.import_list_sizes_view,
        name="import-list-sizes",
    ),
]

urlpatterns = [*scheme_urls, *participation_urls, *list_size_urls]
