"""The "Order manager" staff group: view, fulfil, cancel and refund orders."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Order manager"
PERMISSIONS = [
    ("orders", "view_order"),
    ("orders", "change_order"),
    ("orders", "manage_orders"),
    ("orders", "refund_order"),
    ("payments", "view_payment"),
]


def create_group(apps, schema_editor):
    for app_label in ("orders", "payments"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0001_initial"),
        ("payments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
