"""The machinery's parts, each on its own: option lines, HTML cells, which pages a rebuild writes, kept results,
the versions the compatibility module was written for."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from docutils import nodes

from evidencekb.compat import unsupported_versions
from evidencekb.reading.locations import option_lines
from evidencekb.speedups.freshness import shown_items, stale_pages
from evidencekb.speedups.kept import KeptResults, begin_build
from evidencekb.views.render import Html, badge, table, to_html


def test_option_lines_run_from_the_directive_to_the_first_line_that_is_no_option() -> None:
    lines = (":::{claim} T", ":id: CLM_T", ":quote: a", "", ":later: not an option", ":::")
    assert option_lines(lines, 1) == {"id": 2, "quote": 3}
    assert option_lines((":::{claim} T", ":id: A", ":id: B"), 1) == {"id": 2}  # the first, as MyST reads it


def test_table_cells_are_escaped_unless_they_are_markup_built_by_the_code() -> None:
    html = table(["<th>"], [["<b>&", Html("<i>kept</i>"), None, 3]], caption="A <caption>").astext()
    assert '<th class="head">&lt;th&gt;</th>' in html
    assert "<td>&lt;b&gt;&amp;</td><td><i>kept</i></td><td>–</td><td>3</td>" in html
    assert "A &lt;caption&gt;" in html
    assert to_html(badge("weak")) == '<span class="ekb-badge ekb-weak">⚠ weak</span>'
    assert to_html(nodes.Text("<x>")) == "&lt;x&gt;"


NEEDS = {
    "CLM_A": {"id": "CLM_A", "type": "claim", "docname": "a", "supported_by": ["EVD_X"], "content": ""},
    "CLM_B": {"id": "CLM_B", "type": "claim", "docname": "b", "supported_by": [], "content": "As {need}`CLM_A` says"},
    "EVD_X": {"id": "EVD_X", "type": "evidence", "docname": "x", "content": ""},
    "EVD_Y": {"id": "EVD_Y", "type": "evidence", "docname": "y", "content": ""},
    "MEC_M": {"id": "MEC_M", "type": "mechanism", "docname": "m", "content": ""},
}
NEEDS["CLM_A"]["mechanism"] = ["MEC_M"]


def test_a_page_shows_its_items_their_neighbours_and_what_decides_a_neighbouring_claim_s_status() -> None:
    shown = shown_items(NEEDS)
    assert shown["a"] == {"CLM_A", "EVD_X", "MEC_M"}
    assert shown["b"] == {"CLM_B", "CLM_A"}  # named in its text
    assert shown["x"] == {"EVD_X", "CLM_A", "MEC_M"}  # the claim it supports, and what that claim links to
    assert shown["m"] == {"MEC_M", "CLM_A", "EVD_X"}
    assert shown["y"] == {"EVD_Y"}


def test_the_stale_pages_are_those_showing_a_changed_item() -> None:
    shown = shown_items(NEEDS)
    assert stale_pages(shown, {"EVD_X"}, every_page_is_stale=False) == {"a", "x", "m"}
    assert stale_pages(shown, {"EVD_X"}, every_page_is_stale=True) == set(shown)  # a needextend reaches any page


def test_kept_results_are_lent_only_to_the_next_build_of_the_same_environment(tmp_path: Path) -> None:
    env = SimpleNamespace(doctreedir=str(tmp_path))
    app = SimpleNamespace(env=env, config=SimpleNamespace(evidencekb_speedups=True))
    need = {"id": "CLM_A", "docname": "a"}
    begin_build(env, stable=set())
    first = KeptResults(app, "kept.pickle")
    assert first.get(need, lambda: "computed") == "computed"
    first.save()
    begin_build(env, stable={"a"})
    assert KeptResults(app, "kept.pickle").get(need, lambda: "again") == "computed"  # a stable page: kept
    begin_build(env, stable={"a"})  # a build whose previous one saved nothing
    assert KeptResults(app, "kept.pickle").get(need, lambda: "again") == "again"
    app.config.evidencekb_speedups = False
    begin_build(env, stable={"a"})
    assert KeptResults(app, "kept.pickle").get(need, lambda: "off") == "off"  # the speed-ups off: nothing kept


def test_the_compatibility_module_names_a_version_it_was_not_written_for() -> None:
    assert unsupported_versions({"sphinx": "9.0.4", "sphinx-needs": "9.1.0"}) == []
    assert unsupported_versions({"sphinx": "9.1.0", "sphinx-needs": "9.2.0"}) == [
        "sphinx 9.1.0 (written for <9.1,>=8.2)",
        "sphinx-needs 9.2.0 (written for <9.2,>=9.1)",
    ]
