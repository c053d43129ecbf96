"""ZIP files from outside (XLSX imports, office documents uploaded), opened within limits.

`zipfile` reads the whole central directory when it opens a file, so the member count is read
first from the end record (22 bytes near the end); then the members' declared sizes are summed.
A member that unpacks to more than it declares fails its CRC check on reading (zipfile stops at
the declared size), so the declared sizes bound what unpacking can cost."""

import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

END_RECORD = b"PK\x05\x06"
END_RECORD_SIZE = 22
MAX_COMMENT = 65_535
CHUNK = 1 << 20
# what reading a damaged, encrypted or oddly compressed member raises
UNREADABLE = (
    zipfile.BadZipFile,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
)


class ArchiveError(Exception):
    """The file is no readable ZIP, or is beyond a limit; `reason` says which."""

    def __init__(self, reason: str, limit: int | None = None):
        super().__init__(reason)
        self.reason, self.limit = reason, limit


def member_count(file: IO[bytes]) -> int | None:
    """The number of members the end record declares, or None when there is no end record."""
    file.seek(0, 2)
    size = file.tell()
    start = max(0, size - END_RECORD_SIZE - MAX_COMMENT)
    file.seek(start)
    tail = file.read()
    at = tail.rfind(END_RECORD)
    if at < 0 or len(tail) - at < END_RECORD_SIZE:
        return None
    # signature, disk, disk of the directory, entries on this disk, entries in all, …
    return struct.unpack_from("<4s4H", tail, at)[4]


def open_zip(file: IO[bytes], *, max_members: int, max_unpacked: int) -> zipfile.ZipFile:
    """The archive, once its member count and declared unpacked size are within the limits."""
    count = member_count(file)
    if count is None:
        raise ArchiveError("damaged")
    if count > max_members:  # 0xFFFF (a ZIP64 count) is beyond any limit used here
        raise ArchiveError("members", max_members)
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except UNREADABLE:
        raise ArchiveError("damaged") from None
    if len(archive.infolist()) > max_members:
        raise ArchiveError("members", max_members)
    if sum(info.file_size for info in archive.infolist()) > max_unpacked:
        raise ArchiveError("unpacked", max_unpacked)
    return archive


def chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's unpacked bytes, a megabyte at a time; ArchiveError if it is damaged."""
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                yield chunk
    except UNREADABLE:
        raise ArchiveError("damaged") from None
