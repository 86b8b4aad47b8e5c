"""The subsidy programmes' part of the bulk data (portal/bulk.py): past
programmes with their decisions and awards, and a few open or upcoming
ones. The first programme has exactly 100 awards, for the benchmark."""

from datetime import timedelta
from decimal import Decimal

from grants.models import Award, Programme
from grants.section import GrantsSection
from portal.bulk import NOUNS
from portal.models import Resolution, Status

FUND = "Dotační fond kraje (ukázková data)"
FIRST_PROGRAMME_AWARDS = 100


def award_counts(bulk):
    """How many awards each programme gets: 100 for the first, the rest
    spread at random, never more than a programme's allocation allows."""
    programmes, awards = bulk.sizes["programmes"], bulk.sizes["awards"]
    if programmes == 0:
        return []
    first = min(FIRST_PROGRAMME_AWARDS, awards)
    counts = [first] + [0] * (programmes - 1)
    for _ in range(awards - first):
        counts[bulk.rng.randrange(1, programmes) if programmes > 1 else 0] += 1
    return counts


def generate(bulk):
    today = bulk.now.date()
    counts = award_counts(bulk)
    programmes, resolutions = [], []
    for number, count in enumerate(counts):
        year = today.year - number % 12
        start = today.replace(year=year, month=1, day=1) + timedelta(
            days=bulk.rng.randint(40, 300)
        )
        title = f"Podpora: {bulk.choice(NOUNS)} {year}"
        max_subsidy = Decimal(bulk.rng.choice([50_000, 100_000, 200_000, 300_000]))
        decided = start + timedelta(days=120) < today
        if decided:
            resolutions.append(
                Resolution(
                    number=10_000 + number,
                    year=year,
                    body=Resolution.Body.ASSEMBLY,
                    date=start + timedelta(days=100),
                )
            )
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
                # Room for every award at the maximum.
                allocation=max_subsidy * max(count, 1),
                max_subsidy=max_subsidy,
                min_subsidy=Decimal(10_000),
                max_share=bulk.rng.choice([70, 80, 90]),
                eligible_applicants=bulk.text(1),
                eligible_costs=bulk.text(1),
                evaluation_criteria=bulk.text(1),
                notice_board_date=start - timedelta(days=35),
                window_start=start,
                window_end=start + timedelta(days=30),
                decision_deadline=start + timedelta(days=120),
            )
        )
    resolutions = iter(bulk.create(Resolution, resolutions))
    for programme in programmes:
        if programme.window_start + timedelta(days=120) < today:
            programme.decision_resolution = next(resolutions)
    programmes = bulk.create(Programme, programmes)
    bulk.some_topics(programmes, Programme.topics.field)

    awards = []
    for programme, count in zip(programmes, counts, strict=True):
        for _ in range(count):
            requested = Decimal(
                bulk.rng.randrange(20_000, int(programme.max_subsidy) + 1, 1000)
            )
            awards.append(
                Award(
                    programme=programme,
                    organisation=bulk.choice(bulk.organisations),
                    project_title=bulk.title(kind="Projekt"),
                    requested=requested,
                    awarded=requested - Decimal(bulk.rng.choice([0, 0, 5000, 10_000])),
                    resolution=programme.decision_resolution,
                    contract_number=f"OLP/{bulk.rng.randint(1000, 9999)}/{programme.year}",
                )
            )
    bulk.create(Award, awards)
    bulk.index(GrantsSection(), programmes)
    bulk.programmes = programmes
