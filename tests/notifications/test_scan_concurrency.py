"""Two beat processes scanning at the same moment create each reminder once."""

import datetime as dt
import threading

import pytest
from django.db import connection

from notifications.models import Notification
from notifications.scan import scan
from tests.support import WIB

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_scans_never_duplicate_a_reminder(lkjip):
    lkjip.run_until(2)
    moment = dt.datetime(2025, 1, 9, 10, 0, tzinfo=WIB)  # due, overdue and escalation
    before = Notification.objects.count()
    barrier, errors = threading.Barrier(2), []

    def beat():
        try:
            barrier.wait()
            scan(moment)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    keys = list(Notification.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    assert Notification.objects.count() - before == 3  # due, overdue (Sekcam), escalation
