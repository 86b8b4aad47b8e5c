"""A project's phase is one rule: its page, its list row, the public phase
filter and the admin's filter agree for every combination of dates."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from projects.models import Project, ProjectStatus
from tests.factories import make_project

# Each date is missing, in the past, today or in the future.
MOMENTS = [None, -10, 0, 10]


@pytest.fixture
def every_combination(db):
    today = timezone.localdate()

    def day(offset):
        return None if offset is None else today + timedelta(days=offset)

    projects = {}
    for start, end in itertools.product(MOMENTS, MOMENTS):
        if start is not None and end is not None and end < start:
            continue  # refused by the project_ends_after_start constraint
        project = make_project(
            title=f"Projekt {start} až {end}", start_date=day(start), end_date=day(end)
        )
        projects[project.pk] = project
    return today, projects


def test_page_list_and_filters_agree_on_every_date_combination(
    client, admin_client, every_combination
):
    today, projects = every_combination
    on_page = {pk: project.phase(today) for pk, project in projects.items()}
    assert set(on_page.values()) == {*ProjectStatus, None}

    annotated = {
        project.pk: project.phase(today)
        for project in Project.objects.with_phase(today)
    }
    assert annotated == on_page

    by_filter = {}
    for phase in [*ProjectStatus, None]:
        for pk in Project.objects.in_phase(phase, today).values_list("pk", flat=True):
            assert pk not in by_filter, "a project is in two phases at once"
            by_filter[pk] = phase
    assert by_filter == on_page

    for phase in ProjectStatus:
        expected = {
            projects[pk].title for pk, value in on_page.items() if value == phase
        }
        response = client.get("/projekty/", {"phase": phase})
        assert {p.title for p in response.context["page_obj"]} == expected, phase
        for project in response.context["page_obj"]:
            assert project.phase_label() == phase.label
        changelist = admin_client.get(
            "/admin/projects/project/", {"realizace": phase}
        ).context["cl"]
        assert {p.title for p in changelist.result_list} == expected, phase

    for pk, phase in on_page.items():
        label = phase.label if phase else "neuvedeno"
        assertContains(client.get(projects[pk].get_absolute_url()), f"<dd>{label}</dd>")
