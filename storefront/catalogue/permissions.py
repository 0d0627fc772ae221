"""The "Catalogue manager" staff group: the catalogue and nothing else."""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions

CATALOGUE_MANAGER_GROUP = "Catalogue manager"
# Apps whose every model a catalogue manager may add, change, delete and view.
MANAGED_APPS = ("catalogue", "inventory", "shipping")
# Apps a catalogue manager may only look at.
VIEW_ONLY_APPS = ("channels",)
# Lets the group open Wagtail's admin, whose menu links to the catalogue, and pick
# images and documents there (Wagtail grants "choose" to every admin-access group).
EXTRA_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
)


def catalogue_manager_group_sync(*, apps: Apps = global_apps) -> object:
    """Create or refresh the group so it holds exactly the catalogue permissions.

    Works with the live app registry and with a migration's historical one.

    Returns:
        The group.
    """
    for label in (*MANAGED_APPS, *VIEW_ONLY_APPS):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=CATALOGUE_MANAGER_GROUP)
    managed = permission_model.objects.filter(content_type__app_label__in=MANAGED_APPS)
    viewable = permission_model.objects.filter(
        content_type__app_label__in=VIEW_ONLY_APPS, codename__startswith="view_"
    )
    extra = permission_model.objects.none()
    for app_label, codename in EXTRA_PERMISSIONS:
        extra = extra | permission_model.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    wanted = (
        set(managed.values_list("pk", flat=True))
        | set(viewable.values_list("pk", flat=True))
        | set(extra.values_list("pk", flat=True))
    )
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(sorted(wanted))
    return group
