"""Two people run the same transition at the same moment, over real HTTP requests to a
live server, each in its own database transaction: exactly one wins, the other gets 409,
and the history has one record. (On PostgreSQL the row lock serialises them; on SQLite
the IMMEDIATE transaction does.)"""

import json
import threading
import urllib.error
import urllib.request

import pytest
from rest_framework.authtoken.models import Token

from workflow.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def post(url: str, token: str, barrier: threading.Barrier, results: list) -> None:
    request = urllib.request.Request(
        url,
        data=json.dumps({"note": "serentak"}).encode(),
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    barrier.wait()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            results.append((response.status, json.load(response)))
    except urllib.error.HTTPError as error:
        results.append((error.code, json.load(error)))


def test_simultaneous_transitions_one_wins_the_other_gets_409(live_server, lkjip, users):
    process = lkjip.run_until(3)
    lkjip.prepare_3()
    tokens = [
        Token.objects.create(user=users[name]).key for name in ("progkeu.kragan", "kasip3.kragan")
    ]
    url = f"{live_server.url}/api/v1/processes/{process.pk}/transitions/ajukan_reviu/"
    barrier, results = threading.Barrier(2), []
    threads = [threading.Thread(target=post, args=(url, t, barrier, results)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(status for status, _ in results)
    assert statuses == [200, 409]
    loser = next(body for status, body in results if status == 409)
    assert loser["code"] in ("wrong_state", "concurrent_change")
    assert AuditEntry.objects.filter(process=process, action="ajukan_reviu").count() == 1
    process.refresh_from_db()
    assert process.state == "langkah-4"
