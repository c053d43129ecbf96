"""Uploaded documents (evidence, rules, agendas, minutes): one size limit and one list of types."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "text/csv": ".csv",
    "text/plain": ".txt",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}


def check_uploads(files, field: str) -> None:
    """Refuse a file over the size limit or of a type not allowed, naming the form `field`."""
    for upload in files:
        if not upload:
            continue
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                {
                    field: _("“%(name)s” is larger than %(max)d MB.")
                    % {"name": upload.name, "max": MAX_UPLOAD_BYTES // 2**20}
                }
            )
        if getattr(upload, "content_type", None) not in DOCUMENT_TYPES:
            raise ValidationError(
                {
                    field: _(
                        "“%(name)s” is not an allowed type (PDF, images, "
                        "office documents, CSV or text)."
                    )
                    % {"name": upload.name}
                }
            )


def serve(file):
    """A stored file as a download, or 404 when there is none (or it went missing on disk)."""
    from django.http import FileResponse, Http404

    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=file.name.rsplit("/", 1)[-1])
