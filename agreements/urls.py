from django.urls import path

from agreements.views import plan

app_name = "agreements"

urlpatterns = [
    path("programmes/<int:pk>/approval/", plan.plan_approval, name="plan-approval"),
    path(
        "programmes/<int:pk>/approval/prepare/", plan.prepare_plan, name="prepare-plan"
    ),
    path("programmes/<int:pk>/approval/sign/", plan.sign_plan, name="sign-plan"),
    path("programmes/<int:pk>/approval.pdf", plan.plan_pdf, name="plan-pdf"),
]
