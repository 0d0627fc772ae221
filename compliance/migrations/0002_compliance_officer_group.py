"""Create the "Compliance officer" group: the only holder of the override permission.

Permissions are normally created after all migrations run (post_migrate), so this
migration creates the compliance app's permissions itself before using them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Compliance officer"
PERMISSIONS = [
    "override_finding",
    "view_auditentry",
    "view_claimsoverride",
    "view_ageverification",
]


def group_create(apps, schema_editor):
    app_config = apps.get_app_config("compliance")
    app_config.models_module = True  # create_permissions skips apps without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    perms = Permission.objects.filter(
        content_type__app_label="compliance", codename__in=PERMISSIONS
    )
    group.permissions.add(*perms)


def group_delete(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(group_create, group_delete)]
