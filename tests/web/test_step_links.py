import pytest

pytestmark = pytest.mark.django_db


def test_every_step_of_the_timeline_links_to_its_row_in_the_sop(client, lkjip, users):
    process = lkjip.run_until(2)
    client.force_login(users["camat.kragan"])
    content = client.get(f"/proses/{process.pk}/").content.decode()
    for number in range(1, 10):
        assert f'/sop/lkjip/revisi/{process.revision.number}/#langkah-{number}"' in content
