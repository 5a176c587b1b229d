"""Demo world part owned by the search area (helper D): search engines and people-search pages.

- DuckDuckGo html (`POST https://html.duckduckgo.com/html/`): result pages for the persona's
  searches, matched on the form body (and the same pages for a browser's GET `?q=`, as the
  manual mode's links open them); any other search gets a valid "No results." page. The
  search `"Dufresne Camille"` answers DuckDuckGo's HTTP 202 "anomaly" challenge, so the demo
  shows a block (every later DuckDuckGo search of the scan is then reported blocked).
- DuckDuckGo lite (`POST https://lite.duckduckgo.com/lite/`): always the 202 anomaly page.
- A SearXNG instance at `http://127.0.0.1:8888` (JSON API) with results for the main searches,
  for `--searxng-url http://127.0.0.1:8888` in tests and demos.
- The Brave Search API answers 429 (rate limited) to everything.
- The people-search / directory / company-register / news pages the results point to.

Everything is fictional (`.example` hosts, a French fiction phone range).
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

from audit.sandbox.world import World

DDG_HTML = "https://html.duckduckgo.com/html/"
DDG_LITE = "https://lite.duckduckgo.com/lite/"
SEARXNG = "http://127.0.0.1:8888"
BLOCKED_QUERY = '"Dufresne Camille"'

OWN = "https://www.camille-dufresne.example/"
GITHUB = "https://github.com/camdufresne"
GITLAB = "https://gitlab.com/camdufresne"
MASTODON = "https://mastodon.social/@velvetfox42"
REDDIT = "https://www.reddit.com/user/velvetfox42"
PAGESBLANCHES = "https://www.pagesjaunes.fr/pagesblanches/recherche?quoiqui=dufresne&ou=lyon"
ANNU_118712 = "https://www.118712.fr/recherche/dufresne-camille-lyon"
SOCIETE = "https://www.societe.com/dirigeant/camille-dufresne-8812.html"
ANNUAIRE_ENTREPRISES = "https://annuaire-entreprises.data.gouv.fr/dirigeants/981234567"
NEWS = "https://www.leprogres.fr/culture/2025/06/14/exposition-photos-nocturnes-croix-rousse"
COPAINS = "https://copainsdavant.linternaute.com/p/camille-roux-4812"
UNRELATED = "https://www.genealogie-normandie.example/familles/dufresne"

Result = tuple[str, str, str]  # url, title, snippet

R_OWN: Result = (OWN, "Camille Dufresne — photographie & design",
                 "Portfolio de Camille Dufresne, photographe à Lyon. Projets, balades de nuit.")
R_GITHUB: Result = (GITHUB + "?utm_source=ddg", "camdufresne (Camille Dufresne) · GitHub",
                    "camdufresne has 12 repositories available. Follow their code on GitHub.")
R_GITLAB: Result = (GITLAB, "camdufresne · GitLab", "Projects of camdufresne on GitLab.")
R_MASTODON: Result = (MASTODON, "velvet fox (@velvetfox42@mastodon.social) - Mastodon",
                      "photos & night walks in Lyon")
R_REDDIT: Result = (REDDIT, "u/velvetfox42 - Reddit",
                    "also on mastodon as @velvetfox42@mastodon.social")
R_PAGESBLANCHES: Result = (PAGESBLANCHES + "&fbclid=IwAR0demo",
                           "Dufresne Camille à Lyon 3e - Pages Blanches",
                           "Dufresne Camille, 12 rue des Lilas, 69003 Lyon. Tél : 06 39 98 12 34.")
R_118712: Result = (ANNU_118712, "Camille Dufresne Lyon - 118 712",
                    "Camille Dufresne, 69003 Lyon : adresse et numéro de téléphone.")
R_SOCIETE: Result = (SOCIETE, "Camille DUFRESNE - Dirigeant ATELIER LUMEN - Societe.com",
                     "Mandats de Camille DUFRESNE : présidente de ATELIER LUMEN (Lyon).")
R_ANNUAIRE: Result = (ANNUAIRE_ENTREPRISES, "ATELIER LUMEN - Annuaire des Entreprises",
                      "Dirigeante : Camille Dufresne. Siège : 12 rue des Lilas, 69003 Lyon.")
R_NEWS: Result = (NEWS, "Lyon : une exposition de photos nocturnes à la Croix-Rousse",
                  "La photographe Camille Dufresne expose ses balades de nuit jusqu'au 30 juin.")
R_COPAINS: Result = (COPAINS, "Camille Roux - Copains d'avant",
                     "Camille Roux, lycée Ampère, Lyon, promotion 2009.")
R_UNRELATED: Result = (UNRELATED, "Généalogie de la famille Dufresne en Normandie",
                       "Origine du nom Dufresne, registres paroissiaux du XVIIIe siècle.")

# The persona's searches (as the search check writes them) and what DuckDuckGo shows.
SEARCHES: dict[str, list[Result]] = {
    '"Camille Dufresne"': [R_OWN, R_GITHUB, R_PAGESBLANCHES, R_SOCIETE, R_NEWS, R_UNRELATED],
    '"Camille Dufresne" Lyon': [R_PAGESBLANCHES, R_118712, R_NEWS, R_OWN],
    '"Camille Dufresne" "camdufresne"': [R_GITHUB, R_OWN],
    '"camdufresne"': [R_GITHUB, R_GITLAB],
    '"velvetfox42"': [R_MASTODON, R_REDDIT],
    '"camille.dufresne@example.org"': [
        (OWN + "contact", "Contact — Camille Dufresne",
         "Écrivez-moi : camille.dufresne [at] example [dot] org"),
    ],
    '"06 39 98 12 34"': [R_PAGESBLANCHES],
    '"Camille Roux"': [R_COPAINS],
    '"Camille Dufresne" "Atelier Lumen"': [R_SOCIETE, R_ANNUAIRE],
}

_ANOMALY = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>DuckDuckGo</title>
</head><body><div class="anomaly-modal__mask"><div class="anomaly-modal__modal"
data-testid="anomaly-modal"><div class="anomaly-modal__title">Unfortunately, bots use
DuckDuckGo too.</div><div class="anomaly-modal__description">Please complete the following
challenge to confirm this search was made by a human.</div>
<form id="challenge-form" action="//duckduckgo.com/anomaly.js?sv=html&amp;cc=sre&amp;p=demo"
method="POST"><button type="submit">Submit</button></form></div></div></body></html>"""


def _wrap(url: str) -> str:
    return "//duckduckgo.com/l/?uddg=" + quote(url, safe="") + "&rut=demo"


def ddg_html_page(query: str, results: list[Result]) -> str:
    """A DuckDuckGo no-JS result page (the markup the real one uses, trimmed)."""
    blocks = []
    for url, title, snippet in results:
        link = escape(_wrap(url))
        blocks.append(
            '<div class="result results_links results_links_deep web-result ">'
            '<div class="links_main links_deep result__body">'
            f'<h2 class="result__title"><a rel="nofollow" class="result__a" href="{link}">'
            f"{escape(title)}</a></h2>"
            f'<a class="result__snippet" href="{link}">{escape(snippet)}</a></div></div>'
        )
    if not blocks:
        blocks.append('<div class="result results_links results_links_deep web-result '
                      'result--no-result"><div class="no-results">No results.</div></div>')
    return (
        '<!DOCTYPE html><html><head><meta charset="UTF-8">'
        f"<title>{escape(query)} at DuckDuckGo</title></head><body>"
        '<form id="search_form" action="/html/" method="post">'
        f'<input type="text" name="q" value="{escape(query)}"></form>'
        f'<div id="links" class="results">{"".join(blocks)}</div></body></html>'
    )


def _body_key(query: str) -> str:
    # The check posts q first, then b and kl: "q=<encoded>&" matches this query only.
    return urlencode({"q": query}) + "&"


def _add_duckduckgo(world: World) -> None:
    world.page(DDG_HTML, ddg_html_page("", []), method="POST")
    for query, results in SEARCHES.items():
        world.page(DDG_HTML, ddg_html_page(query, results), method="POST",
                   match_body=_body_key(query))
    world.page(DDG_HTML, _ANOMALY, 202, method="POST", match_body=_body_key(BLOCKED_QUERY))
    # What a browser gets when the person opens the links of `exposure-audit search links`.
    for query, results in SEARCHES.items():
        world.page(f"{DDG_HTML}?{urlencode({'q': query})}", ddg_html_page(query, results))
    world.page(DDG_LITE, _ANOMALY, 202, method="POST")


def _add_searxng(world: World) -> None:
    empty = {"query": "", "number_of_results": 0, "results": [], "answers": [],
             "corrections": [], "infoboxes": [], "suggestions": [], "unresponsive_engines": []}
    world.json(SEARXNG + "/search*", empty)
    for query, results in SEARCHES.items():
        data = dict(empty, query=query, results=[
            {"url": url, "title": title, "content": snippet, "engine": "demo",
             "engines": ["demo"], "score": 1.0, "category": "general"}
            for url, title, snippet in results
        ])
        world.json(f"{SEARXNG}/search?{urlencode({'q': query})}&*", data)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}'
            f"</title></head><body>{body}</body></html>")


def _add_listing_pages(world: World) -> None:
    world.page(PAGESBLANCHES, _page(
        "Dufresne Camille à Lyon - PagesBlanches",
        '<h1>Dufresne Camille</h1><div class="adresse">12 rue des Lilas, 69003 Lyon</div>'
        '<a class="tel" href="tel:+33639981234">06 39 98 12 34</a>'))
    world.page(ANNU_118712, _page(
        "Camille Dufresne - 118 712",
        "<h1>Camille Dufresne</h1><p>12 rue des Lilas, 69003 Lyon</p><p>06 39 98 12 34</p>"))
    world.page(SOCIETE, _page(
        "Camille DUFRESNE - Societe.com",
        "<h1>Camille DUFRESNE</h1><p>Présidente de ATELIER LUMEN (SIREN 981 234 567).</p>"
        "<p>Adresse du siège : 12 rue des Lilas, 69003 Lyon.</p>"))
    world.page(ANNUAIRE_ENTREPRISES, _page(
        "ATELIER LUMEN - Annuaire des Entreprises",
        "<h1>ATELIER LUMEN</h1><p>Dirigeante : Camille Dufresne</p>"
        "<p>Siège : 12 rue des Lilas, 69003 Lyon</p>"))
    world.page(NEWS, _page(
        "Exposition de photos nocturnes à la Croix-Rousse - Le Progrès",
        "<article><h1>Lyon : une exposition de photos nocturnes</h1><p>La photographe "
        "Camille Dufresne, qui signe velvetfox42 sur les réseaux, expose ses balades de nuit "
        "jusqu'au 30 juin.</p></article>"))
    world.page(COPAINS, _page(
        "Camille Roux - Copains d'avant",
        "<h1>Camille Roux</h1><p>Lycée Ampère, Lyon (2006-2009)</p>"))
    world.page(UNRELATED, _page("Famille Dufresne", "<p>Registres paroissiaux.</p>"))


def add_to(world: World) -> None:
    """Add the search engines, the SearXNG instance and the listing pages to the world."""
    _add_duckduckgo(world)
    _add_searxng(world)
    world.rate_limited("https://api.search.brave.com", retry_after=3600)
    _add_listing_pages(world)
