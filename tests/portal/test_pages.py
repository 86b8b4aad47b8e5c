import pytest
from django.core.exceptions import ValidationError
from pytest_django.asserts import assertContains

from portal.models import Page
from tests.factories import make_page


def test_page_is_served_at_its_tree_path_with_a_breadcrumb(client, db):
    office = make_page(title="Krajský úřad", slug="krajsky-urad")
    departments = make_page(title="Odbory KÚ", slug="odbory-ku", parent=office)
    duties = make_page(title="Náplň činnosti koordinátora", parent=departments)
    assert (
        duties.get_absolute_url()
        == "/krajsky-urad/odbory-ku/napln-cinnosti-koordinatora/"
    )
    response = client.get(duties.get_absolute_url())
    html = response.content.decode()
    crumbs = [
        "Titulní stránka",
        "Krajský úřad",
        "Odbory KÚ",
        "Náplň činnosti koordinátora",
    ]
    positions = [
        html.index(crumb, html.index("Drobečková navigace")) for crumb in crumbs
    ]
    assert positions == sorted(positions)


def test_renaming_a_parent_moves_its_whole_subtree(db):
    office = make_page(title="Úřad", slug="urad")
    child = make_page(title="Odbor", slug="odbor", parent=office)
    grandchild = make_page(title="Oddělení", slug="oddeleni", parent=child)
    office.slug = "krajsky-urad"
    office.save()
    grandchild.refresh_from_db()
    assert grandchild.path == "krajsky-urad/odbor/oddeleni"


def test_breadcrumb_costs_one_query_whatever_the_depth(db, django_assert_num_queries):
    parent = None
    for depth in range(6):
        parent = make_page(title=f"Úroveň {depth}", parent=parent)
    with django_assert_num_queries(1):
        titles = [page.title for page in parent.ancestors()]
    assert titles == [f"Úroveň {depth}" for depth in range(5)]


def test_a_page_cannot_become_its_own_ancestor(db):
    top = make_page(title="Nahoře")
    below = make_page(title="Dole", parent=top)
    top.parent = below
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "nadřazená sama sobě" in str(error.value)


def test_siblings_cannot_share_a_slug(db):
    parent = make_page(title="Rodič")
    make_page(title="Dítě", slug="dite", parent=parent)
    twin = Page(title="Jiné dítě", slug="dite", parent=parent, path="")
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "už je stránka s adresou" in str(error.value)
    # The same slug under another parent is fine.
    Page(title="Jinde", slug="dite", parent=make_page(title="Jiný rodič")).full_clean()


def test_a_root_page_cannot_shadow_an_app_url(db):
    with pytest.raises(ValidationError) as error:
        Page(title="Dokumenty", slug="dokumenty").full_clean()
    assert "patří jiné části webu" in str(error.value)


def test_unknown_path_gives_the_czech_404_page(client, db):
    response = client.get("/tato/stranka/neexistuje/")
    assertContains(response, "Stránka nenalezena", status_code=404)


def test_page_shows_its_links_grouped(client, db):
    from portal.models import Link, LinkGroup

    page = make_page(title="Romové")
    group = LinkGroup.objects.create(page=page, title="Odkazy")
    Link.objects.create(
        group=group,
        title="Agentura pro sociální začleňování",
        url="https://www.socialni-zaclenovani.cz/",
    )
    Link.objects.create(group=group, title="Romský informační servis")
    response = client.get(page.get_absolute_url())
    assertContains(
        response,
        '<a href="https://www.socialni-zaclenovani.cz/">Agentura pro sociální začleňování</a>',
        html=True,
    )
    assertContains(response, "Romský informační servis")
