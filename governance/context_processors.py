from governance.roles import access_of


def role(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = access_of(user).main_role
    return {"role": role, "role_label": role.label if role else ""}
