from enum import Enum


class ChannelErrorCode(Enum):
    NOT_FOUND = "not_found"
    INVALID_REGION = "invalid_region"
    REGION_OUTSIDE_CHANNEL = "region_outside_channel"
