from governance.roles import can_edit, role_of


def role(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = role_of(user)
    return {
        "role": role,
        "role_label": role.label if role else "",
        "can_edit": can_edit(user),
    }
