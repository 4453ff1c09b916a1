"""Narrow errors of the workflow, each with its message in Bahasa Indonesia and the HTTP
status the API answers with (one handler maps them: workflow.api.errors)."""

from __future__ import annotations

# Messages are constants so that tests assert the exact text.
PROCESS_NOT_FOUND = "Proses tidak ditemukan."
NOT_YOUR_TASK = "Anda bukan pelaksana langkah ini ({pelaksana})."
WRONG_STATE = "Aksi '{action}' tidak tersedia pada status proses saat ini ({state})."
UNKNOWN_ACTION = "Aksi '{action}' tidak dikenal pada SOP ini."
PROCESS_FINISHED = "Proses sudah selesai."
CONCURRENT_CHANGE = "Proses baru saja diubah oleh pengguna lain; muat ulang lalu coba lagi."
INCOMPLETE = "Langkah belum dapat diselesaikan: {missing}."
TASK_ALREADY_DONE = "Bagian Anda pada langkah ini sudah diselesaikan."
PROCESS_EXISTS = "Proses {title} sudah ada."
NOT_ALLOWED_TO_START = "Hanya Kepala PD atau Sekretaris PD yang dapat memulai proses ini."


class WorkflowError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str, *, details: list[str] | dict | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


class InvalidInput(WorkflowError):
    status, code = 400, "invalid"


class Incomplete(WorkflowError):
    """Required documents or data are missing, or notes are unanswered."""

    status, code = 400, "incomplete"


class NotFound(WorkflowError):
    """Does not exist, or the user may not see it: the same answer for both."""

    status, code = 404, "not_found"


class NotAllowed(WorkflowError):
    """The user may see the process but is not the pelaksana of this action."""

    status, code = 403, "not_allowed"


class WrongState(WorkflowError):
    status, code = 409, "wrong_state"


class ConcurrentChange(WorkflowError):
    status, code = 409, "concurrent_change"
