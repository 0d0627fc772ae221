# Vouchers move from the checkout app to this one; their tables stay as they are.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('channels', '0001_initial'),
        ('checkout', '0002_checkout_drop_date_of_birth'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Voucher',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('code', models.CharField(max_length=40, unique=True)),
                        ('name', models.CharField(blank=True, max_length=100)),
                        ('discount_type', models.CharField(choices=[('percentage', 'Percentage of the subtotal'), ('fixed', 'Fixed amount')], default='percentage', max_length=12)),
                        ('usage_limit', models.PositiveIntegerField(blank=True, null=True)),
                        ('used', models.PositiveIntegerField(default=0)),
                        ('apply_once_per_customer', models.BooleanField(default=False)),
                        ('starts_at', models.DateTimeField(blank=True, null=True)),
                        ('ends_at', models.DateTimeField(blank=True, null=True)),
                        ('is_active', models.BooleanField(default=True)),
                    ],
                    options={
                        'db_table': 'checkout_voucher',
                        'ordering': ['code'],
                    },
                ),
                migrations.CreateModel(
                    name='VoucherChannelListing',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('currency', models.CharField(max_length=3)),
                        ('discount_value', models.DecimalField(decimal_places=2, max_digits=12)),
                        ('min_spent_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True)),
                        ('channel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='voucher_listings', to='channels.channel')),
                        ('voucher', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='channel_listings', to='discounts.voucher')),
                    ],
                    options={
                        'db_table': 'checkout_voucherchannellisting',
                        'constraints': [models.UniqueConstraint(fields=('voucher', 'channel'), name='voucher_listing_unique_channel'), models.CheckConstraint(condition=models.Q(('discount_value__gte', 0)), name='voucher_value_not_negative')],
                    },
                ),
                migrations.CreateModel(
                    name='VoucherCustomer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('customer_email', models.EmailField(max_length=254)),
                        ('voucher', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='customers', to='discounts.voucher')),
                    ],
                    options={
                        'db_table': 'checkout_vouchercustomer',
                        'constraints': [models.UniqueConstraint(fields=('voucher', 'customer_email'), name='voucher_customer_unique')],
                    },
                ),
            ],
        ),
    ]
