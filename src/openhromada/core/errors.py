"""The one error type services raise; views and the API turn it into a clear 4xx message."""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A rule of the domain was broken; the message is for the user and already translated."""
