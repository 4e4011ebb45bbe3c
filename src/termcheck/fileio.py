"""Reading and writing one file, so that nothing hangs, nothing fills the memory and nothing
is lost.

- `read_file(path)`: the bytes of a regular file, at most MAX_FILE_BYTES of them (a FIFO, a
  device or a socket, or a symbolic link to one, is refused before it is read);
- `read_stream(handle)`: the same bound for standard input;
- `atomic_write(path, data)`: a temporary file in the same folder, flushed to disk, then
  renamed over the target (permissions, owner and extended attributes kept; a file with
  hard links refused unless asked): an interrupted run leaves the old file or the new one,
  never half of each.

MAX_FILE_BYTES (100 MiB) is the largest draft termcheck reads.  Translation files run from
kilobytes to a few megabytes (a whole application's PO file), so a larger file is hardly a
draft (a log, a dump, a disk image named .txt), and with this bound the file and its decoded
text stay within a few hundred megabytes, which a CI runner has.  A larger file is an input
error ("file is larger than 100 MiB; not checked"), found from its size before anything is
read and, where the size says nothing (/proc) or the file grows, by reading one byte more
than the limit and no more.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from termcheck.readers.base import ReadError

MAX_FILE_BYTES = 100 * 1024 * 1024
"""The largest draft termcheck reads, 100 MiB (why: the module docstring).  Standard input
has the same bound."""
NOT_REGULAR = "not a regular file"


class LinkedFileError(OSError):
    """`atomic_write` refused a file with more than one hard link (see there)."""

    def __init__(self, links: int) -> None:
        super().__init__(errno.EMLINK, f"the file has {links} hard links, which replacing it "
                         "would split")
        self.links = links


def os_error_text(exc: OSError) -> str:
    """An OSError's reason, in the words of termcheck's messages."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def too_large(limit: int) -> ReadError:
    """The error for a file over `limit` bytes: "file is larger than 100 MiB; not checked"."""
    size = f"{limit // 2**20} MiB" if limit % 2**20 == 0 else f"{limit:,} bytes"
    return ReadError(f"file is larger than {size}; not checked")


_CHUNK = 1 << 16


def _bounded(handle: BinaryIO, limit: int, size: int = 0) -> bytes:
    """At most `limit` bytes of `handle`, reading what `size` (the file's size, 0 when
    unknown) says and then in chunks, never asking for more than one byte past the limit
    (read(limit + 1) would allocate the whole limit for every file)."""
    pieces = [handle.read(min(size, limit) + 1 if size else min(_CHUNK, limit + 1))]
    total = len(pieces[0])
    while pieces[-1] and total <= limit:
        pieces.append(handle.read(min(_CHUNK, limit + 1 - total)))
        total += len(pieces[-1])
    if total > limit:
        raise too_large(limit)
    return b"".join(pieces)


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
# Non-blocking: a FIFO put in place of the file after the check must not block the open
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))


class NotRegularError(ReadError):
    """A path that is not a regular file (a FIFO would block for ever, /dev/zero never end):
    refused before it is read."""

    def __init__(self, mode: int) -> None:
        super().__init__(NOT_REGULAR)
        self.kind = next((name for test, name in _KINDS if test(mode)), "")  # "a FIFO"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """The regular file at `path` (symbolic links followed), opened for reading: checked
    before opening (opening a device may act) and again after (something else may have been
    put in its place).  NotRegularError, or OSError when it cannot be opened."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularError(mode)
    handle = os.fdopen(os.open(path, _OPEN_FLAGS), "rb")
    mode = os.fstat(handle.fileno()).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        raise NotRegularError(mode)
    return handle


def read_file(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), at most `limit`
    (default MAX_FILE_BYTES) of them, read with a bounded read.  ReadError: not a regular
    file (NotRegularError), or larger than the limit; OSError: cannot be opened or read."""
    limit = MAX_FILE_BYTES if limit is None else limit
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise too_large(limit)
        return _bounded(handle, limit, size)  # the size said may be wrong (/proc) or grow


def read_stream(handle: BinaryIO, *, limit: int | None = None) -> bytes:
    """At most `limit` (default MAX_FILE_BYTES) bytes of a stream (standard input); more is
    a ReadError."""
    return _bounded(handle, MAX_FILE_BYTES if limit is None else limit)


def _copy_owner(old: os.stat_result, temp: str) -> None:
    """The old file's owner and group on the new one, as far as this process may set them
    (root may; anyone may keep a group they belong to)."""
    new = os.stat(temp)
    if not hasattr(os, "chown") or (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return
    try:
        os.chown(temp, old.st_uid, old.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.chown(temp, -1, old.st_gid)


_XATTR_REFUSED = {errno.EPERM, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP,
                  getattr(errno, "ENODATA", errno.ENOENT)}


def _copy_xattrs(source: Path, temp: str) -> None:
    """The old file's extended attributes (ACLs, SELinux labels, user.*) on the new one; an
    attribute this process may not set, or the file system does not keep, is left out."""
    if not hasattr(os, "listxattr"):  # pragma: no cover - not Linux
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        try:
            os.setxattr(temp, name, os.getxattr(source, name))
        except OSError as exc:
            if exc.errno not in _XATTR_REFUSED:
                raise  # (a full disk, say): the write fails, the old file stays


def _new_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path | str, data: bytes | str, *, split_links: bool = False) -> None:
    """Replace `path` with exactly `data` (text is written as UTF-8, line endings as they
    are), atomically: a temporary file in the same folder, flushed to disk, renamed over the
    target.  An existing file keeps its permissions, its owner and group (as far as this
    process may set them) and its extended attributes (those the platform keeps); a new one
    gets 0o666 less the umask, as open() would give it.

    Hard links.  The rename gives the path a new file: one with other names (st_nlink > 1)
    would be split, this name holding the new text and the others the old.  Writing into the
    old file instead would change it under every name, which is what someone who linked
    the files on purpose may want; but hard links are also how snapshots are made (cp -al,
    rsnapshot, backup tools), whose old text would then be gone, and a write in place that
    is interrupted leaves half a file.  Neither can be assumed, and neither is undone easily,
    so such a file is refused (LinkedFileError, nothing written) unless `split_links`: then
    it is replaced, and the other names keep the old text.  Nothing is lost either way."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    try:
        old: os.stat_result | None = path.stat()
    except FileNotFoundError:
        old = None
    # (a symbolic link is replaced itself, so the links of the file it names do not count)
    if old is not None and old.st_nlink > 1 and not split_links and not path.is_symlink():
        raise LinkedFileError(old.st_nlink)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if old is not None:
            _copy_owner(old, temp)  # first: changing the owner clears set-user-ID bits
            _copy_xattrs(path, temp)
        os.chmod(temp, _new_mode() if old is None else old.st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
