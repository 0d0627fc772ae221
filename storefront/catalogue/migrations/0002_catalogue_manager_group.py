from django.db import migrations


def create_group(apps, schema_editor):
    from storefront.catalogue.permissions import catalogue_manager_group_sync

    catalogue_manager_group_sync(apps=apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Catalogue manager").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0001_initial"),
        ("channels", "0001_initial"),
        ("inventory", "0001_initial"),
        ("shipping", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
