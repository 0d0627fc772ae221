"""Search that forgives typing: a stored weighted tsvector with a GIN index, unaccent
and pg_trgm on PostgreSQL; FTS5 trigram tables in the SQLite demo."""

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

POSTGRESQL_FORWARDS = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS shop_search",
    "CREATE TEXT SEARCH CONFIGURATION shop_search (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION shop_search "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    "CREATE INDEX product_search_vector_gin ON catalogue_product "
    "USING gin (search_vector)",
    "CREATE INDEX searchterm_word_trgm ON catalogue_searchterm "
    "USING gin (word gin_trgm_ops)",
    "UPDATE catalogue_product SET search_vector = "
    "setweight(to_tsvector('shop_search', name), 'A') || "
    "setweight(to_tsvector('shop_search', search_document), 'B')",
]
POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS searchterm_word_trgm",
    "DROP INDEX IF EXISTS product_search_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS shop_search",
]
SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE catalogue_product_fts "
    "USING fts5(name, document, tokenize='trigram')",
    "CREATE VIRTUAL TABLE catalogue_searchterm_fts USING fts5(word, tokenize='trigram')",
]
SQLITE_BACKWARDS = [
    "DROP TABLE IF EXISTS catalogue_searchterm_fts",
    "DROP TABLE IF EXISTS catalogue_product_fts",
]


def _execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    from storefront.catalogue.search import search_normalise

    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _execute(schema_editor, POSTGRESQL_FORWARDS)
    elif vendor == "sqlite":
        _execute(schema_editor, SQLITE_FORWARDS)
    Product = apps.get_model("catalogue", "Product")
    SearchTerm = apps.get_model("catalogue", "SearchTerm")
    rows = list(Product.objects.values_list("pk", "name", "search_document"))
    words = {
        word
        for _pk, name, document in rows
        for word in search_normalise(f"{name} {document}").split()
        if 3 <= len(word) <= 64 and not word.isdigit()
    }
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w) for w in sorted(words)], ignore_conflicts=True
    )
    if vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO catalogue_product_fts (rowid, name, document) "
                "VALUES (%s, %s, %s)",
                [
                    (pk, search_normalise(name), search_normalise(document))
                    for pk, name, document in rows
                ],
            )
            cursor.execute(
                "INSERT INTO catalogue_searchterm_fts (rowid, word) "
                "SELECT id, word FROM catalogue_searchterm"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _execute(schema_editor, POSTGRESQL_BACKWARDS)
    elif vendor == "sqlite":
        _execute(schema_editor, SQLITE_BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_catalogue_manager_group")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.AddField(
            model_name="product",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.CreateModel(
            name="SearchTerm",
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
                ("word", models.CharField(max_length=64, unique=True)),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
