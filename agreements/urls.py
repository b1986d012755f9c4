from django.urls import path

from agreements.views import plan, practice

app_name = "agreements"

urlpatterns = [
    path("programmes/<int:pk>/approval/", plan.plan_approval, name="plan-approval"),
    path(
        "programmes/<int:pk>/approval/prepare/", plan.prepare_plan, name="prepare-plan"
    ),
    path("programmes/<int:pk>/approval/sign/", plan.sign_plan, name="sign-plan"),
    path("programmes/<int:pk>/approval.pdf", plan.plan_pdf, name="plan-pdf"),
    path("agreements/", practice.agreement_list, name="agreements"),
    path("agreements/packs/<int:pk>/", practice.pack_detail, name="pack"),
    path(
        "agreements/packs/<int:pk>/versions/new/",
        practice.new_version,
        name="new-version",
    ),
    path(
        "agreements/versions/<int:pk>/documents/new/",
        practice.new_document,
        name="new-document",
    ),
    path("agreements/versions/<int:pk>/publish/", practice.publish, name="publish"),
    path("agreements/versions/<int:pk>/invite/", practice.invite, name="invite"),
    path("agreements/versions/<int:pk>/withdraw/", practice.withdraw, name="withdraw"),
    path("agreements/<int:pk>/", practice.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/sign/", practice.sign_agreement, name="sign"),
    path("agreements/<int:pk>/decline/", practice.decline, name="decline"),
    path("agreements/<int:pk>.pdf", practice.agreement_pdf, name="agreement-pdf"),
    path("agreements/documents/<int:pk>/", practice.document_file, name="document"),
]
