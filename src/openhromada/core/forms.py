"""Turning a service's ValidationError into form errors the user can read beside the fields."""

from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Put each message next to its field when the form has it, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def run_service(form, call):
    """Run a service call for a valid form; on a ValidationError put the messages on the form
    and return None, so the view shows the form again with them."""
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
