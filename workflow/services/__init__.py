"""Every write to a process goes through these services: each checks the policy, writes
in one transaction with its audit entry, and leaves side effects to `on_commit`."""

from .processes import process_start, process_transition
from .records import (
    auditors_assign,
    disposisi_record,
    document_upload,
    note_add,
    note_respond,
    report_sign,
    signature_verify,
    team_form,
)

__all__ = [
    "auditors_assign",
    "disposisi_record",
    "document_upload",
    "note_add",
    "note_respond",
    "process_start",
    "process_transition",
    "report_sign",
    "signature_verify",
    "team_form",
]
