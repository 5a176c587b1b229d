"""What several checks share; no check imports another check's modules, only these.

Modules: `soup` (bs4 imported on first use, and the one bounded way to parse a page),
`lazy` (slow libraries imported on first use), `text` (folding and cleaning text from pages),
`fetch` (fetching a page through the core and refusing blocks), `findings` (reading earlier
checks' findings), `page` (one fetched page parsed once: text, links, structured person data,
OpenGraph), `souptext` and `structured` (its parts), `cfemail` (Cloudflare's email
protection), `names` (the person's names, compared folded), `profiles` (asking whether a
profile exists through whichever check knows the site: the accounts check registers its
catalog there).
"""
