# Vouchers now live in the discounts app, on the same tables: only Django's state
# changes here, no data moves.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('checkout', '0002_checkout_drop_date_of_birth'),
        ('discounts', '0001_vouchers_from_checkout'),
        # The order's voucher must point at discounts before the old state goes.
        ('orders', '0003_order_voucher_from_discounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='checkout',
                    name='voucher',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='checkouts', to='discounts.voucher'),
                ),
                migrations.DeleteModel(name='VoucherChannelListing'),
                migrations.DeleteModel(name='VoucherCustomer'),
                migrations.DeleteModel(name='Voucher'),
            ],
        ),
    ]
