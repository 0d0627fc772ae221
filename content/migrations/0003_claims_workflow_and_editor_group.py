"""The "Claims check" workflow and the "Editor" group.

Both are attached to the articles index when it exists; ``content.services.
articles_index_ensure`` attaches them when it creates the index later.
"""

from django.db import migrations

WORKFLOW_NAME = "Claims check"
GROUP_NAME = "Editor"
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("content", "author", "add_author"),
    ("content", "author", "change_author"),
    ("content", "author", "view_author"),
    ("content", "topic", "add_topic"),
    ("content", "topic", "change_topic"),
    ("content", "topic", "view_topic"),
    ("content", "series", "add_series"),
    ("content", "series", "change_series"),
    ("content", "series", "view_series"),
]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for label in ("content", "wagtailadmin", "wagtailcore", "wagtailimages"):
        config = apps.get_app_config(label)
        # Historical app configs have no models module; the helpers need one set.
        config.models_module = True
        create_contenttypes(config, verbosity=0, apps=apps)
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    ClaimsCheckTask = apps.get_model("content", "ClaimsCheckTask")
    ArticleIndexPage = apps.get_model("content", "ArticleIndexPage")

    task_ct, _ = ContentType.objects.get_or_create(
        app_label="content", model="claimschecktask"
    )
    task = ClaimsCheckTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = ClaimsCheckTask.objects.create(
            name=WORKFLOW_NAME, active=True, content_type=task_ct
        )
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename in EDITOR_MODEL_PERMISSIONS:
        perm = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if perm is not None:
            group.permissions.add(perm)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in ("add_image", "choose_image", "change_image"):
            perm = Permission.objects.filter(
                content_type__app_label="wagtailimages", codename=codename
            ).first()
            if perm is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )

    for index in ArticleIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})
        for codename in EDITOR_PAGE_PERMISSIONS:
            perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=perm)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_claims_check_task"),
        ("wagtailcore", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
