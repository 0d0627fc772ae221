"""Search entries: each listed product's search vector with the channels listing
it, and a GIN index, so that search filters the channel's listing in the rows the
index finds. Filled here from the listings as they stand (PostgreSQL only; the
SQLite demo searches its FTS5 tables)."""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

INDEX = (
    "CREATE INDEX search_entry_vector_gin ON catalogue_productsearchentry "
    "USING gin (search_vector)"
)
# The same rows as search.product_search_entries_refresh writes, frozen here.
BACKFILL = """
    INSERT INTO catalogue_productsearchentry (product_id, search_vector, name,
        regulated_class, listed_in, scheduled)
    SELECT p.id, p.search_vector, p.name, p.regulated_class,
        COALESCE(array_agg(l.channel_id ORDER BY l.channel_id)
            FILTER (WHERE l.published_at IS NULL OR l.published_at <= now()), '{}'),
        COALESCE(bool_or(l.published_at > now()), false)
    FROM catalogue_productchannellisting l
    JOIN catalogue_product p ON p.id = l.product_id
    WHERE l.is_published AND l.visible_in_listings
        AND p.search_vector IS NOT NULL
        AND EXISTS (
            SELECT 1 FROM catalogue_productvariantchannellisting vl
            JOIN catalogue_productvariant v ON v.id = vl.variant_id
            WHERE v.product_id = l.product_id AND vl.channel_id = l.channel_id
        )
    GROUP BY p.id
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)
        schema_editor.execute(BACKFILL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0009_attribute_value_holders_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductSearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("search_vector", django.contrib.postgres.search.SearchVectorField()),
                (
                    "listed_in",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                ("scheduled", models.BooleanField(default=False)),
                ("name", models.CharField(max_length=250)),
                ("regulated_class", models.CharField(max_length=32)),
                (
                    "product",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalogue.product",
                    ),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
