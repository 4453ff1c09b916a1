"""Every transition of the LKjIP SOP x every role: allowed, refused (403) or invisible
(404). The transitions are read from the SOP definition, not restated here."""

from pathlib import Path

import pytest

from sop.definition import load_file
from workflow import exceptions as e
from workflow.models import AuditEntry, Task

pytestmark = pytest.mark.django_db

DEFINITION = load_file(Path(__file__).resolve().parents[2] / "sop/definitions/lkjip.yaml")
TRANSITIONS = [(s.number, b.action) for s in DEFINITION.steps for b in s.branches]

# Who the SOP's pelaksana are in the demo (Driver forms the team with these members).
PELAKSANA = {
    "kepala_pd": {"camat.kragan"},
    "sekretaris_pd": {"sekcam.kragan"},
    "tim_penyusun": {
        "camat.kragan",
        "sekcam.kragan",
        "progkeu.kragan",
        "umpeg.kragan",
        "kasip3.kragan",
    },
    "inspektorat": {"auditor1"},
}
ROLES = [
    "camat.kragan",
    "sekcam.kragan",
    "progkeu.kragan",
    "kasip3.kragan",
    "staf1.kragan",
    "auditor1",
    "auditor2",
    "irban1",
    "camat.sluke",
]


def expected(username: str, step: int) -> str:
    if username in ("camat.sluke", "auditor2"):
        return "404"  # another PD; an auditor not assigned to this report
    if username == "auditor1" and step < 4:
        return "404"  # not assigned yet
    pelaksana = DEFINITION.step(step).pelaksana
    return "ok" if username in PELAKSANA[pelaksana] else "403"


def test_matrix_covers_every_transition_of_the_sop():
    assert TRANSITIONS == [
        (1, "disposisi"),
        (2, "bentuk_tim"),
        (3, "ajukan_reviu"),
        (4, "kirim_lhr"),
        (5, "teruskan_ke_sekretaris"),
        (6, "paraf"),
        (7, "tandatangani"),
        (7, "kembalikan_koreksi"),
        (8, "sampaikan"),
        (9, "arsipkan"),
    ]


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize(("step", "action"), TRANSITIONS)
def test_transition_by_role(lkjip, users, step, action, username):
    process = lkjip.run_until(step)
    if step == 7 and action == "kembalikan_koreksi":
        lkjip.prepare_koreksi()
    elif hasattr(lkjip, f"prepare_{step}") and step not in (4,):
        getattr(lkjip, f"prepare_{step}")()
    elif step == 4:
        lkjip.prepare_4()
    before = (AuditEntry.objects.count(), list(Task.objects.values_list("id", "status")))
    outcome = "ok"
    try:
        if action == "tandatangani":
            lkjip.sign(users[username])
        else:
            lkjip.go(users[username], action)
    except e.NotFound:
        outcome = "404"
    except e.NotAllowed:
        outcome = "403"
    assert outcome == expected(username, step)
    process.refresh_from_db()
    if outcome == "ok":
        assert process.state != f"langkah-{step}"
    else:
        assert process.state == f"langkah-{step}"
        assert (
            AuditEntry.objects.count(),
            list(Task.objects.values_list("id", "status")),
        ) == before
