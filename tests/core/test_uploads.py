"""Uploaded documents are what their content says, not what their name or the browser claims:
a file of no allowed type is refused, and an allowed one is stored under its real extension."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from openhromada.core import uploads

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def odf(kind: str) -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    return zipped({"mimetype": mimetype, "content.xml": b"<office:document-content/>"})


def checked(name, content, content_type="application/octet-stream"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    uploads.check_uploads([upload], "files")
    return upload


@pytest.mark.parametrize(
    ("name", "claimed", "content", "stored", "real_type"),
    [
        ("act.pdf", "application/pdf", PDF, "act.pdf", "application/pdf"),
        ("report.pdf.html", "text/html", PDF, "report.pdf", "application/pdf"),
        ("x.exe", "application/x-msdownload", PDF, "x.pdf", "application/pdf"),
        ("scan.pdf", "application/pdf", PNG, "scan.png", "image/png"),
        ("photo.jpeg", "image/jpeg", JPEG, "photo.jpg", "image/jpeg"),
        ("Звіт 2025.03.docx", "application/msword", docx(), "Звіт 2025.03.docx", DOCX),
        ("budget.xlsx", "application/vnd.ms-excel", xlsx(), "budget.xlsx", XLSX),
        (
            "draft.doc",
            "application/msword",
            odf("text"),
            "draft.odt",
            "application/vnd.oasis.opendocument.text",
        ),
        (
            "table.ods",
            "application/octet-stream",
            odf("spreadsheet"),
            "table.ods",
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        (
            "notes.txt",
            "text/plain",
            "Примітка: «так», зобовʼязання.".encode(),
            "notes.txt",
            "text/plain",
        ),
        (
            "table.csv",
            "application/vnd.ms-excel",
            "а;б\r\n1;2".encode("cp1251"),
            "table.csv",
            "text/csv",
        ),
        ("readme", "text/plain", b"plain words", "readme.txt", "text/plain"),
    ],
)
def test_an_allowed_file_is_stored_under_the_extension_of_what_it_is(
    name, claimed, content, stored, real_type
):
    upload = checked(name, content, claimed)
    assert upload.name == stored
    assert upload.content_type == real_type
    assert upload.read() == content  # nothing consumed: the storage saves it whole


@pytest.mark.parametrize(
    ("name", "claimed", "content"),
    [
        ("report.pdf.html", "text/plain", HTML),  # HTML declared as text
        ("report.pdf", "application/pdf", HTML),  # HTML sent as a PDF
        ("notes.txt", "text/plain", b"<svg onload=alert(1)>"),
        ("notes.txt", "text/plain", b"  <iframe src=//evil>"),
        ("notes.txt", "text/plain", b"binary\x00\x01\x02"),
        ("virus.exe", "application/x-msdownload", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("picture.svg", "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("words.pdf", "application/pdf", b"just words, no PDF"),
        ("bundle.zip", "application/zip", zipped({"a.txt": b"a"})),
        ("broken.docx", "application/msword", b"PK\x03\x04" + bytes(40)),
    ],
)
def test_a_file_whose_content_is_no_allowed_type_is_refused(name, claimed, content):
    with pytest.raises(ValidationError) as refused:
        checked(name, content, claimed)
    (message,) = refused.value.message_dict["files"]
    assert name in message


def test_the_refusal_names_the_allowed_types(en):
    with pytest.raises(ValidationError) as refused:
        checked("x.bin", b"MZ\x90\x00", "application/pdf")
    assert "PDF, images, office documents, CSV or text" in refused.value.messages[0]


def test_html_in_a_text_file_is_named_as_the_reason(en):
    with pytest.raises(ValidationError) as refused:
        checked("page.txt", b"Hello <script>alert(1)</script>", "text/plain")
    assert "HTML" in refused.value.messages[0]


def test_a_zip_directory_of_too_many_members_is_not_read():
    # an end record claiming 60,000 members: refused before zipfile reads a directory that long
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 60_000, 60_000, 46 * 60_000, 0, 0)
    with pytest.raises(ValidationError):
        checked("many.docx", b"PK\x03\x04" + bytes(100) + end)


class CountingFile(io.BytesIO):
    """Counts the bytes read, to show that a binary document is judged by its head."""

    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data


def test_a_pdf_is_judged_by_its_first_bytes_only():
    content = PDF + bytes(5 * 2**20)
    upload = SimpleUploadedFile("big.pdf", b"", content_type="application/pdf")
    upload.file = CountingFile(content)
    upload.size = len(content)
    uploads.check_uploads([upload], "files")
    assert upload.file.read_bytes < 1024


@pytest.fixture
def en():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_a_long_cyrillic_name_fits_the_file_system(tmp_path, settings):
    """255 bytes per name on disk; a Cyrillic letter takes two: the stored name is cut by bytes,
    never in the middle of a letter, and the file is saved."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    from openhromada.core.uploads import PDF, stored_name

    name = stored_name("Рішення виконавчого комітету " * 10 + ".pdf", PDF)
    assert name.endswith(".pdf") and len(name.encode()) <= 255
    storage = FileSystemStorage(location=tmp_path)
    saved = storage.save(f"councils/agenda/{name}", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    assert storage.exists(saved)
    assert storage.save(f"councils/agenda/{name}", ContentFile(b"%PDF")) != saved  # twice
