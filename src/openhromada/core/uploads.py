"""Uploaded documents (evidence, rules, agendas, minutes, attachments, drafts): one size limit, and
one list of types decided by what a file holds, never by its name or the type its browser claims.

The handful of allowed types is told apart by a small table of signatures rather than a library:
PDF, PNG and JPEG by their first bytes; DOCX, XLSX, ODT and ODS as a ZIP by its directory (a
part under word/ or xl/, or the ODF `mimetype` member), which libraries such as `filetype` guess
from the first local headers only; and text, which has no signature, by decoding it (UTF-8, else
Windows-1251) and finding neither binary bytes nor HTML in it. Only the first bytes, the ZIP
directory or, for text, one chunk at a time are read."""

import codecs
import os
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import archives

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
# Only the directory is read here; the bound spares the readers of a document a ZIP bomb.
MAX_ZIP_UNPACKED_BYTES = 1024 * 1024 * 1024
TEXT_CHUNK = 64 * 1024
NAME_STEM = 150  # characters kept of a name, so that the extension always fits in 200
# Bytes kept of a name on disk: a file system holds 255 bytes per name, a Cyrillic letter takes
# two in UTF-8, and the storage may add "_" and 7 characters to tell two files apart.
NAME_STEM_BYTES = 200


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str


PDF = Kind("application/pdf", ".pdf")
PNG = Kind("image/png", ".png")
JPEG = Kind("image/jpeg", ".jpg")
CSV = Kind("text/csv", ".csv")
TEXT = Kind("text/plain", ".txt")
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
ODT = Kind("application/vnd.oasis.opendocument.text", ".odt")
ODS = Kind("application/vnd.oasis.opendocument.spreadsheet", ".ods")
DOCUMENT_TYPES = {
    kind.content_type: kind.extension for kind in (PDF, PNG, JPEG, CSV, TEXT, XLSX, DOCX, ODT, ODS)
}
SIGNATURES = [(b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG)]
ZIP = b"PK\x03\x04"
OOXML_FOLDERS = {"word/": DOCX, "xl/": XLSX}
ODF_MIMETYPES = {kind.content_type.encode(): kind for kind in (ODT, ODS)}
ALIASES = {JPEG: (".jpeg", ".jpe"), TEXT: (".text",)}
TEXT_TYPES = {"text/plain", "text/csv"}
TEXT_EXTENSIONS = {".txt", ".csv"}
# The control characters that mark binary data, not text (WHATWG MIME sniffing).
BINARY = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# Markup a browser would render: the tags WHATWG sniffing looks for, and the active ones.
HTML = re.compile(
    r"<\s*(?:!doctype|!--|\?xml|html|head|body|script|iframe|frame|object|embed|svg|math|style"
    r"|meta|link|base|form|img|video|audio|title|table|div|font|h1|br|p|a|b)(?=[\s/>])",
    re.IGNORECASE,
)
HTML_OVERLAP = 16  # characters of a chunk kept for the next, so a tag split between them is seen


class Refused(Exception):
    """The content is damaged or unsafe; `message` has a %(name)s for the file's name."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _not_allowed() -> str:
    return _("“%(name)s” is not an allowed type (PDF, images, office documents, CSV or text).")


def check_uploads(files, field: str) -> None:
    """Refuse a file over the size limit or whose content is not of an allowed type, naming the
    form `field`; rename each other file to the extension of what it is, and set its
    content_type to that (the name and type a browser sent are not to be trusted)."""
    for upload in files:
        if not upload:
            continue
        name = Truncator(upload.name or "").chars(80)
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                {
                    field: _("“%(name)s” is larger than %(max)d MB.")
                    % {"name": name, "max": MAX_UPLOAD_BYTES // 2**20}
                }
            )
        try:
            kind = detect(upload)
            if kind is None:
                raise Refused(_not_allowed())
        except Refused as refused:
            raise ValidationError({field: refused.message % {"name": name}}) from None
        finally:
            upload.seek(0)
        upload.name = stored_name(upload.name or "", kind)
        upload.content_type = kind.content_type


def detect(upload) -> Kind | None:
    """The allowed type the file's content is, or None; Refused for a damaged or unsafe one."""
    upload.seek(0)
    head = upload.read(8)
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(ZIP):
        return _office_document(upload)
    claimed_extension = os.path.splitext(upload.name or "")[1].lower()
    if claimed_extension in TEXT_EXTENSIONS or upload.content_type in TEXT_TYPES:
        _check_text(upload)
        return CSV if claimed_extension == ".csv" or upload.content_type == "text/csv" else TEXT
    return None


def _office_document(upload) -> Kind | None:
    try:
        archive = archives.open_zip(
            upload, max_members=MAX_ZIP_MEMBERS, max_unpacked=MAX_ZIP_UNPACKED_BYTES
        )
        with archive:
            names = archive.namelist()
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                mimetype = b"".join(archives.chunks(archive, archive.getinfo("mimetype")))
                return ODF_MIMETYPES.get(mimetype.strip())
            if "[Content_Types].xml" in names:
                return next(
                    (
                        kind
                        for folder, kind in OOXML_FOLDERS.items()
                        if any(n.startswith(folder) for n in names)
                    ),
                    None,
                )
            return None
    except archives.ArchiveError as error:
        if error.reason == "damaged":
            raise Refused(_("“%(name)s” cannot be read: the file is damaged.")) from None
        return None  # beyond the limits no office document reaches


def _check_text(upload) -> None:
    """Text decodes as UTF-8 (else Windows-1251) and holds no binary bytes and no HTML."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            _scan_text(upload, encoding)
            return
        except UnicodeDecodeError:
            continue
    raise Refused(_not_allowed())


def _scan_text(upload, encoding: str) -> None:
    upload.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    tail = ""
    for chunk in upload.chunks(TEXT_CHUNK):
        text = tail + decoder.decode(chunk)
        if BINARY.search(text):
            raise Refused(_not_allowed())
        if HTML.search(text):
            raise Refused(_("“%(name)s” contains HTML, which is not allowed; save it as PDF."))
        tail = text[-HTML_OVERLAP:]
    decoder.decode(b"", final=True)


def stored_name(original: str, kind: Kind) -> str:
    """The name under the real extension: `report.pdf.html` holding a PDF is `report.pdf`."""
    stem, claimed = os.path.splitext(os.path.basename(original))
    if not claimed and stem.startswith("."):  # ".htaccess": a name that is all extension
        stem = stem.lstrip(".")
    inner_stem, inner = os.path.splitext(stem)
    if inner.lower() in {kind.extension, *ALIASES.get(kind, ())}:  # said twice: once is enough
        stem = inner_stem
    stem = stem[:NAME_STEM].encode()[:NAME_STEM_BYTES].decode(errors="ignore").strip()
    return f"{stem or 'file'}{kind.extension}"


def serve(file):
    """A stored file as a download, or 404 when there is none (or it went missing on disk)."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=file.name.rsplit("/", 1)[-1])
