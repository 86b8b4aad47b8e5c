"""The EU projects' part of the bulk data (portal/bulk.py). Registration
numbers use the invented programme number 99, which no real programme has."""

from datetime import date, timedelta
from decimal import Decimal

from portal.models import Status
from projects.models import (
    KeyActivity,
    OperationalProgramme,
    Partnership,
    Period,
    Project,
)
from projects.section import ProjectsSection

ACTIVITIES = 4
ACTIVITY_TITLES = (
    "Terénní práce v oblasti {gen}",
    "Vzdělávání pracovníků v oblasti {gen}",
    "Metodická podpora obcí: {nom}",
    "Síťování služeb v obci {town}",
    "Evaluace a šíření výsledků",
)
PARTNERS = 3
PERIOD_START = date(2021, 3, 1)


def generate(bulk):
    programme, _created = OperationalProgramme.objects.get_or_create(
        abbreviation="UOP",
        defaults={
            "name": "Ukázkový operační program (ukázková data)",
            "period": Period.P2021,
            "fund": "Evropský sociální fond plus",
        },
    )
    today = bulk.now.date()
    projects = []
    for number in range(bulk.sizes["projects"]):
        # Within the programming period 2021–2027, some not started yet.
        start = PERIOD_START + timedelta(
            days=bulk.rng.randint(0, (today - PERIOD_START).days + 200)
        )
        title = bulk.project_title(year=start.year)
        budget = Decimal(bulk.rng.randrange(1_000_000, 40_000_000, 1000))
        projects.append(
            Project(
                title=title,
                slug=bulk.slug(title, number),
                status=Status.PUBLISHED,
                publish_at=bulk.now - timedelta(days=max(1, (today - start).days)),
                registration_number=f"CZ.99.99.99/99/99_999/{number:07d}",
                programme=programme,
                call=f"Výzva č. {bulk.rng.randint(1, 99)} (ukázková data)",
                start_date=start,
                end_date=start + timedelta(days=bulk.rng.randint(365, 1100)),
                budget=budget,
                eu_share=(budget * Decimal("0.85")).quantize(Decimal(1)),
                aims=bulk.text(3),
                target_groups=bulk.text(1),
                description=f"<p>{bulk.text(5)}</p>",
            )
        )
    projects = bulk.create(Project, projects)
    bulk.some_topics(projects, Project.topics.field)
    bulk.create(
        KeyActivity,
        (
            KeyActivity(
                project=project,
                number=number,
                title=bulk.fill(bulk.choice(ACTIVITY_TITLES)),
                description=bulk.text(2),
                results=bulk.text(1),
            )
            for project in projects
            for number in range(1, ACTIVITIES + 1)
        ),
    )
    roles = [Partnership.Role.BENEFICIARY] + [Partnership.Role.PARTNER] * PARTNERS
    bulk.create(
        Partnership,
        (
            Partnership(
                project=project, organisation=organisation, role=role, order=order
            )
            for project in projects
            for order, (role, organisation) in enumerate(
                zip(roles, bulk.rng.sample(bulk.organisations, len(roles)), strict=True)
            )
        ),
    )
    bulk.index(ProjectsSection(), projects)
    bulk.projects = projects
    if projects:
        bulk.pages["project"] = projects[0]
