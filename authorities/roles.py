"""Three roles, as groups: viewers read, editors change the plans of the councils they are assigned to, admins
do everything (upload, review, publish, import). Superusers are admins."""

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"

# Model permissions each role's group holds; the council scope of editors is checked in code.
_ROLE_PERMISSIONS = {
    VIEWER: [],
    EDITOR: [
        "improvements.add_improvementplan",
        "improvements.change_improvementplan",
        "improvements.add_priority",
        "improvements.change_priority",
        "improvements.add_action",
        "improvements.change_action",
        "improvements.add_progressupdate",
        "inspections.add_document",
    ],
    ADMIN: "__all__",
}


_ROLE_APPS = ["authorities", "inspections", "improvements"]


def ensure_roles(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create or refresh the role groups (runs after every migrate).

    Django creates an app's permissions in that app's own post_migrate, and on a first migrate this one runs
    before the later apps' have fired: create them all here first, or the editor group would start empty.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for label in _ROLE_APPS:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    for name, codenames in _ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        if codenames == "__all__":
            perms = Permission.objects.using(using).filter(content_type__app_label__in=_ROLE_APPS)
        else:
            wanted = [tuple(c.split(".", 1)) for c in codenames]
            perms = [
                p
                for p in Permission.objects.using(using).filter(
                    content_type__app_label__in={a for a, _ in wanted}
                )
                if (p.content_type.app_label, p.codename) in wanted
            ]
        group.permissions.set(perms)


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    names = {g.name for g in user.groups.all()}
    order = [VIEWER, EDITOR, ADMIN]
    return any(order.index(n) >= order.index(role) for n in names if n in order)


def can_edit_authority(user, authority) -> bool:
    """Admins edit every council; editors only the councils they are assigned to."""
    if has_role(user, ADMIN):
        return True
    return has_role(user, EDITOR) and user.council_assignments.filter(authority=authority).exists()
