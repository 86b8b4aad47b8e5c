"""The subsidy programmes' part of the bulk data (portal/bulk.py): past
programmes with their decisions and awards, and a few open or upcoming
ones. The first programme has exactly 100 awards and a fixed slug, for the
benchmark."""

import math
from datetime import date, timedelta
from decimal import Decimal

from grants.models import Award, Programme
from grants.section import GrantsSection
from portal.models import Resolution, Status

FUND = "Dotační fond kraje (ukázková data)"
BENCHMARK_AWARDS = 100
BENCHMARK_SLUG = "program-se-100-dotacemi-h0"
TITLES = (
    "Podpora {gen}",
    "Rozvoj {gen}",
    "Program na podporu {gen}",
)
DECISION_DAYS = 120


def award_counts(bulk, decided):
    """How many awards each programme gets: 100 for the first, the rest
    spread at random over the other decided programmes (nobody is awarded
    money before the decision)."""
    counts = [0] * len(decided)
    awards = bulk.sizes["awards"]
    if not counts:
        return counts
    counts[0] = min(BENCHMARK_AWARDS, awards)
    others = [number for number, done in enumerate(decided) if done and number]
    for _ in range(awards - counts[0]):
        counts[bulk.choice(others) if others else 0] += 1
    return counts


def amounts(bulk, count, max_subsidy):
    """(requested, awarded) of ``count`` awards: never more than the
    programme's maximum, never more than requested."""
    result = []
    for _ in range(count):
        requested = Decimal(bulk.rng.randrange(20_000, int(max_subsidy) + 1, 1000))
        cut = Decimal(bulk.choice([0, 0, 5000, 10_000]))
        result.append((requested, requested - cut))
    return result


def generate(bulk):
    today = bulk.now.date()
    programmes, decided = [], []
    for number in range(bulk.sizes["programmes"]):
        if number % 12 == 10:
            # One in twelve is current: upcoming, open, being evaluated or
            # just decided.
            start = today + timedelta(days=bulk.rng.randint(-150, 60))
            year = start.year
        else:
            # Older ones, decided long ago; the first is two years old
            # whenever the run happens.
            year = today.year - (number + 2) % 12
            start = date(year, 1, 1) + timedelta(days=bulk.rng.randint(40, 240))
        decided.append(start + timedelta(days=DECISION_DAYS) < today)
        title = bulk.fill(bulk.choice(TITLES), year=year)
        programmes.append(
            Programme(
                title=title,
                slug=bulk.slug(title, number),
                status=Status.PUBLISHED,
                publish_at=bulk.now - timedelta(days=(today - start).days + 40),
                fund=FUND,
                code=f"{number % 9 + 1}.{number // 9 + 1}",
                year=year,
                purpose=bulk.text(3),
                reasons=bulk.text(2),
                max_subsidy=Decimal(bulk.choice([50_000, 100_000, 200_000, 300_000])),
                min_subsidy=Decimal(10_000),
                max_share=bulk.choice([70, 80, 90]),
                eligible_applicants=bulk.text(1),
                eligible_costs=bulk.text(1),
                evaluation_criteria=bulk.text(1),
                notice_board_date=start - timedelta(days=35),
                window_start=start,
                window_end=start + timedelta(days=30),
                decision_deadline=start + timedelta(days=DECISION_DAYS),
            )
        )
    counts = award_counts(bulk, decided)
    if counts and counts[0] == BENCHMARK_AWARDS:
        programmes[0].slug = BENCHMARK_SLUG

    planned = []
    for programme, count in zip(programmes, counts, strict=True):
        planned.append(amounts(bulk, count, programme.max_subsidy))
        total = sum((awarded for _requested, awarded in planned[-1]), Decimal(0))
        # Room for every award, rounded up to 100 000 Kč, plus a reserve
        # that stays unspent.
        reserve = Decimal(100_000 * bulk.rng.randint(0, 5))
        programme.allocation = math.ceil(total / 100_000) * 100_000 + reserve
        if not count:
            programme.allocation += programme.max_subsidy * bulk.rng.randint(5, 40)

    resolutions = []
    for number, programme in enumerate(programmes):
        if decided[number]:
            day = programme.window_start + timedelta(days=100)
            resolutions.append(
                Resolution(
                    number=10_000 + number,
                    year=day.year,
                    body=Resolution.Body.ASSEMBLY,
                    date=day,
                )
            )
    resolutions = iter(bulk.create(Resolution, resolutions))
    for number, programme in enumerate(programmes):
        if decided[number]:
            programme.decision_resolution = next(resolutions)
    programmes = bulk.create(Programme, programmes)
    bulk.some_topics(programmes, Programme.topics.field)

    awards = []
    for programme, money in zip(programmes, planned, strict=True):
        # Different recipients within a programme while there are enough.
        recipients = bulk.rng.sample(
            bulk.organisations, min(len(money), len(bulk.organisations))
        )
        for index, (requested, awarded) in enumerate(money):
            awards.append(
                Award(
                    programme=programme,
                    organisation=recipients[index % len(recipients)],
                    project_title=bulk.project_title(year=programme.year),
                    requested=requested,
                    awarded=awarded,
                    resolution=programme.decision_resolution,
                    contract_number=f"OLP/{bulk.rng.randint(1000, 9999)}/{programme.year}",
                )
            )
    bulk.create(Award, awards)
    bulk.index(GrantsSection(), programmes)
    bulk.programmes = programmes
    if counts and counts[0] == BENCHMARK_AWARDS:
        bulk.pages["programme"] = programmes[0]
