"""Index the attribute values' products and variants by value, then holder.

The category facets test each value with an EXISTS over the products (and the
variants) holding it; Django's own indexes of these through tables lead with the
holder, so a value held by no listed product of the category was looked up by
reading a whole index. Leading with the value, the holders come in id order from
the value's own entries, index only. Plain SQL: the tables are the ones Django
makes for the many-to-many fields, which have no ``Meta`` to declare indexes in;
the statements are the same on SQLite (the demo).
"""

from django.db import migrations

INDEXES = (
    (
        "product_attribute_value_products",
        "catalogue_product_attribute_values",
        "attributevalue_id, product_id",
    ),
    (
        "variant_attribute_value_variants",
        "catalogue_productvariant_attribute_values",
        "attributevalue_id, productvariant_id",
    ),
)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0008_variant_untracked_index"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, table, columns in INDEXES
    ]
