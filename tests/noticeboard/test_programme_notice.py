"""§ 10c zákona č. 250/2000 Sb.: a programme hangs on the notice board at
least 30 days before its application window opens, counted from the day
its notice is posted on the portal's board."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grants.models import Phase
from noticeboard.models import Notice
from portal.models import Status
from tests.factories import admin_form_data, make_document, make_notice, make_programme

PRAGUE = ZoneInfo("Europe/Prague")
POSTED = date(2024, 1, 10)


def programme_on(notice, start, **fields):
    return make_programme(
        entered_after_fact=False,
        notice=notice,
        window_start=start,
        window_end=start + timedelta(days=20),
        **fields,
    )


@pytest.fixture
def notice(db):
    return make_notice(
        posted_on=POSTED, publish_at=datetime(2024, 1, 10, 8, tzinfo=PRAGUE)
    )


def test_the_window_opens_30_days_after_the_notice_is_posted_at_the_earliest(
    notice,
):
    programme_on(notice, POSTED + timedelta(days=30)).full_clean()
    early = programme_on(notice, POSTED + timedelta(days=29))
    with pytest.raises(ValidationError) as error:
        early.full_clean()
    message = " ".join(error.value.message_dict["window_start"]).replace("\xa0", " ")
    assert "Zveřejněno: 10. 1. 2024" in message
    assert "nejdříve na 9. 2. 2024" in message


def test_the_notice_decides_not_a_date_typed_for_another_board(notice):
    """The typed date is for boards kept elsewhere; with a notice on the
    portal's board it is overwritten by the notice's day."""
    programme = programme_on(
        notice, POSTED + timedelta(days=10), notice_board_date=date(2023, 1, 1)
    )
    with pytest.raises(ValidationError):
        programme.full_clean()
    programme.save()
    programme.refresh_from_db()
    assert programme.notice_board_date == POSTED
    assert programme.phase(POSTED) == Phase.ANNOUNCED


def test_a_notice_published_after_its_posting_day_counts_from_publication(db):
    late = make_notice(
        posted_on=POSTED, publish_at=datetime(2024, 1, 20, 9, tzinfo=PRAGUE)
    )
    assert late.posting_date() == date(2024, 1, 20)
    with pytest.raises(ValidationError):
        programme_on(late, POSTED + timedelta(days=30)).full_clean()
    programme_on(late, date(2024, 2, 19)).full_clean()


def test_a_draft_notice_hangs_nowhere_so_the_window_is_refused(db):
    draft = make_notice(posted_on=POSTED, status=Status.DRAFT)
    programme = programme_on(draft, POSTED + timedelta(days=60))
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "zatím koncept" in " ".join(error.value.message_dict["window_start"])


def test_creating_a_programme_offers_to_post_it_on_the_board(admin_client, db):
    conditions = make_document(title="Podmínky 5.1")
    response = admin_client.get("/admin/grants/programme/add/")
    assert "Vyvěsit vyhlášení na úřední desku portálu" in response.content.decode()
    data = admin_form_data(response)
    data.update(
        title="Podpora menšin",
        code="5.1",
        year="2026",
        conditions="<p>Podmínky</p>",
        conditions_document=str(conditions.pk),
        window_end="30.06.2099",
        post_notice="on",
        entered_after_fact="on",
    )
    response = admin_client.post("/admin/grants/programme/add/", data, follow=True)
    assert response.status_code == 200
    notice = Notice.objects.get()
    assert notice.title == "Vyhlášení dotačního programu 5.1 Podpora menšin"
    assert notice.status == Status.DRAFT  # the clerk posts it
    assert notice.agenda == "dotace"
    assert notice.relevant_until == date(2099, 6, 30)
    assert list(notice.attachments.all()) == [conditions]
    assert "čeká na vyvěšení" in response.content.decode()


def test_posting_the_draft_notice_later_dates_the_programme_and_links_it(client, db):
    """The clerk posts the notice days after the programme was saved: the
    programme's announcement date follows, and its page links the notice
    only once the notice is on the board."""
    draft = make_notice(posted_on=timezone.localdate(), status=Status.DRAFT)
    programme = programme_on(draft, timezone.localdate() + timedelta(days=60))
    programme.save()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert programme.notice_board_date is None
    assert draft.get_absolute_url() not in page

    draft.status = Status.PUBLISHED
    draft.publish_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    programme.refresh_from_db()
    assert programme.notice_board_date == timezone.localdate()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert f'<a href="{draft.get_absolute_url()}">oznámení na úřední desce</a>' in page
