"""Reports wait on disk, not in memory, between their check and their writer.

A batch of 2,000 documents used to keep every FileReport until the last file was done:
+0.3 MiB per document, 3 GiB for a province's year. Each finished report is now written to
a spool file (pickled, one record after another) by the process that checked it, and the
batch keeps only a small index entry per file: where the record is, and the file's
`FileSummary` (the counts the summaries and the file index show). The writers read the
reports back one at a time, in the order the files were given.

A document's keyed figures (its `stated` ledger export and `priors`), which only the
comparisons across documents need, are a record of their own: across.py reads them for the
two documents of one pair at a time.

Each process writes its own spool file (a worker's never crosses a pipe: the parent gets
the index entry only); the folder is removed when the batch's `Spool` is closed.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from typing import IO, Any

Where = tuple[str, int, int]  # spool file, offset, length


@dataclass
class SpoolFile:
    """One process's spool file, appended to."""

    path: str
    _fh: IO[bytes] | None = None

    def put(self, obj: Any) -> Where:
        if self._fh is None:
            self._fh = open(self.path, "ab")  # kept open for the batch
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._fh.seek(0, os.SEEK_END)
        self._fh.write(data)
        self._fh.flush()
        return (self.path, offset, len(data))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class Spool:
    """The batch's spool folder: a file per process, and the reading back."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="govaudit-spool-")
        self._own: SpoolFile | None = None
        self._readers: dict[str, IO[bytes]] = {}

    def new_file(self) -> SpoolFile:
        fd, path = tempfile.mkstemp(dir=self.folder, suffix=".spool")
        os.close(fd)
        return SpoolFile(path)

    @property
    def own(self) -> SpoolFile:
        """The parent's spool file (a batch checked in one process writes here)."""
        if self._own is None:
            self._own = self.new_file()
        return self._own

    def get(self, where: Where) -> Any:
        path, offset, length = where
        fh = self._readers.get(path)
        if fh is None:
            fh = self._readers[path] = open(path, "rb")  # closed in close()
        fh.seek(offset)
        return pickle.loads(fh.read(length))

    def close(self) -> None:
        if self._own is not None:
            self._own.close()
        for fh in self._readers.values():
            fh.close()
        self._readers.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
