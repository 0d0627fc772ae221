"""`updateMetadata`: Set public metadata keys on a checkout."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.checkout.metadata import checkout_metadata_update
from storefront.graphql.checkout.types import ObjectWithMetadata
from storefront.graphql.checkout.utils import checkout_for_mutation, list_cap, reload
from storefront.graphql.core.errors import MetadataError, MetadataErrorCode
from storefront.graphql.core.inputs import MetadataInput


class UpdateMetadata(BaseMutation):
    """Set public metadata keys on a checkout (the only object with metadata here).
    Keys starting with "_" are reserved."""

    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.List(graphene.NonNull(MetadataInput), required=True)

    item = graphene.Field(ObjectWithMetadata, description="The object.")
    errors = graphene.List(
        graphene.NonNull(MetadataError), required=True, description="Errors."
    )

    error_code_enum = MetadataErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        items = list_cap(data["input"], field="input")
        checkout = checkout_for_mutation(info, data["id"])
        checkout_metadata_update(
            checkout=checkout, items={item["key"]: item["value"] for item in items}
        )
        return cls(item=reload(checkout), errors=[])
