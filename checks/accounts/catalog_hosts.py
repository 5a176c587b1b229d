"""Catalog rows for software run by many hosts: Mastodon instances, Discourse forums, Forgejo.

One rule per software, applied to each host: Mastodon's public account lookup API
(``/api/v1/accounts/lookup?acct=``: 200 with the account, 404 with an error), Discourse's
public user JSON (``/u/<name>.json``), Forgejo/Gitea's users API (``/api/v1/users/<name>``).
The body strings are WhatsMyName's for one host of each software (masto.ai and
fosstodon.org, Arduino's forum, Codeberg and gitea.com, GitLab): `"id":` in the account's
JSON, `Record not found` / `"error_type":"not_found"` in the error's.
"""

from __future__ import annotations

from typing import Any

Row = tuple[tuple[Any, ...], dict[str, Any]]

JSON = {"Accept": "application/json"}

# host, countries
MASTODON_HOSTS = r"""
mastodon.online GLOBAL
mstdn.social GLOBAL
mastodon.world GLOBAL
mas.to GLOBAL
fosstodon.org GLOBAL
hachyderm.io GLOBAL
infosec.exchange GLOBAL
techhub.social GLOBAL
masto.ai GLOBAL
mastodon.art GLOBAL
mastodon.xyz GLOBAL
mastodon.cloud GLOBAL
mindly.social GLOBAL
universeodon.com GLOBAL
mastodon.green GLOBAL
social.coop GLOBAL
tech.lgbt GLOBAL
kolektiva.social GLOBAL
toot.community GLOBAL
octodon.social GLOBAL
qoto.org GLOBAL
mathstodon.xyz GLOBAL
sigmoid.social GLOBAL
ioc.exchange GLOBAL
indieweb.social GLOBAL
floss.social GLOBAL
mastodon.sdf.org GLOBAL
social.vivaldi.net GLOBAL
front-end.social GLOBAL
ruby.social GLOBAL
phpc.social GLOBAL
mastodon.gamedev.place GLOBAL
journa.host GLOBAL
newsie.social GLOBAL
eldritch.cafe FR
mamot.fr FR
piaille.fr FR
framapiaf.org FR
mastodon.tedomum.net FR
toot.aquilenet.fr FR
pouet.chapril.org FR
social.sciences.re FR
mastoot.fr FR
shelter.moe FR
mastodon.zaclys.com FR
social.tchncs.de DE
chaos.social DE
troet.cafe DE
norden.social DE
det.social DE
muenchen.social DE
todon.eu EU
mastodon.nl NL
mastodon.uno IT
mastodon.scot GB
mastodon.ie IE
aus.social AU
mastodon.nz NZ
mstdn.ca CA
mastodon.quebec CA
mstdn.jp JP
pawoo.net JP
mastodon.social.br BR
"""

DISCOURSE_HOSTS = r"""
meta.discourse.org | Discourse Meta | GLOBAL | tech
discuss.python.org | Python Discourse | GLOBAL | coding
users.rust-lang.org | Rust Users Forum | GLOBAL | coding
internals.rust-lang.org | Rust Internals | GLOBAL | coding
community.letsencrypt.org | Let's Encrypt Community | GLOBAL | tech
forum.manjaro.org | Manjaro Forum | GLOBAL | tech
discourse.nixos.org | NixOS Discourse | GLOBAL | tech
discuss.pytorch.org | PyTorch Forums | GLOBAL | coding
forum.freecodecamp.org | freeCodeCamp Forum | GLOBAL | education
community.home-assistant.io | Home Assistant Community | GLOBAL | tech
discourse.julialang.org | Julia Discourse | GLOBAL | coding
discuss.ocaml.org | OCaml Discourse | GLOBAL | coding
elixirforum.com | Elixir Forum | GLOBAL | coding
forum.gitlab.com | GitLab Forum | GLOBAL | coding
community.cloudflare.com | Cloudflare Community | GLOBAL | tech
forum.inaturalist.org | iNaturalist Forum | GLOBAL | hobby
forum.arduino.cc | Arduino Forum | GLOBAL | hobby
discuss.hashicorp.com | HashiCorp Discuss | GLOBAL | coding
discourse.haskell.org | Haskell Discourse | GLOBAL | coding
forum.snapcraft.io | Snapcraft Forum | GLOBAL | tech
discourse.ubuntu.com | Ubuntu Discourse | GLOBAL | tech
discourse.gnome.org | GNOME Discourse | GLOBAL | tech
discuss.kde.org | KDE Discuss | GLOBAL | tech
forum.endeavouros.com | EndeavourOS Forum | GLOBAL | tech
discourse.llvm.org | LLVM Discourse | GLOBAL | coding
forum.openwrt.org | OpenWrt Forum | GLOBAL | tech
forum.sublimetext.com | Sublime Text Forum | GLOBAL | coding
community.bitwarden.com | Bitwarden Community | GLOBAL | tech
discuss.privacyguides.net | Privacy Guides Forum | GLOBAL | tech
forum.f-droid.org | F-Droid Forum | GLOBAL | tech
forum.syncthing.net | Syncthing Forum | GLOBAL | tech
forum.godotengine.org | Godot Forum | GLOBAL | gaming
community.brave.com | Brave Community | GLOBAL | tech
forum.ansible.com | Ansible Forum | GLOBAL | coding
community.grafana.com | Grafana Community | GLOBAL | tech
forum.matomo.org | Matomo Forum | GLOBAL | tech
community.n8n.io | n8n Community | GLOBAL | tech
forum.posit.co | Posit Community | GLOBAL | coding
discuss.huggingface.co | Hugging Face Forums | GLOBAL | coding
forum.djangoproject.com | Django Forum | GLOBAL | coding
forums.swift.org | Swift Forums | GLOBAL | coding
forums.fast.ai | fast.ai Forums | GLOBAL | coding
forum.ghost.org | Ghost Forum | GLOBAL | blog
community.openai.com | OpenAI Developer Forum | GLOBAL | tech
forum.level1techs.com | Level1Techs Forum | GLOBAL | tech
discuss.elastic.co | Elastic Discuss | GLOBAL | tech
community.fly.io | Fly.io Community | GLOBAL | tech
forum.obsidian.md | Obsidian Forum | GLOBAL | tech
forum.cursor.com | Cursor Forum | GLOBAL | coding
forum.vivaldi.net | Vivaldi Forum | GLOBAL | tech
forum.proton.me | Proton Forum | GLOBAL | tech
forum.framasoft.org | Framasoft Forum (Framacolibri) | FR | tech
forum.yunohost.org | YunoHost Forum | FR | tech
forum.nextcloud.com | Nextcloud Community | GLOBAL | tech
discourse.joplinapp.org | Joplin Forum | GLOBAL | tech
forum.zorin.com | Zorin Forum | GLOBAL | tech
forum.kicad.info | KiCad Forum | GLOBAL | hobby
forum.prusa3d.com | Prusa Forum | GLOBAL | hobby
talk.observablehq.com | Observable Forum | GLOBAL | coding
discuss.codecademy.com | Codecademy Forums | GLOBAL | education
"""

FORGE_HOSTS = r"""
codeberg.org | Codeberg | DE GLOBAL
gitea.com | Gitea.com | GLOBAL
git.disroot.org | Disroot Git | NL GLOBAL
framagit.org | Framagit | FR
"""


def mastodon_sites() -> tuple[Row, ...]:
    """One row per Mastodon instance (the lookup API answers JSON)."""
    rows: list[Row] = []
    for line in MASTODON_HOSTS.strip().splitlines():
        host, *ccs = line.split()
        rows.append((
            (f"Mastodon ({host})", host, "fediverse", " ".join(ccs),
             f"https://{host}/@{{username}}"),
            {"probe": f"https://{host}/api/v1/accounts/lookup?acct={{username}}",
             "headers": JSON, "present": (200, '"id":'), "absent": (404, "Record not found"),
             "regex": r"^[A-Za-z0-9_]{1,30}$", "platform": "mastodon"},
        ))
    return tuple(rows)


def discourse_sites() -> tuple[Row, ...]:
    """One row per Discourse forum (public user JSON)."""
    rows: list[Row] = []
    for line in DISCOURSE_HOSTS.strip().splitlines():
        host, name, ccs, cat = (c.strip() for c in line.split("|"))
        rows.append((
            (name, host, "forum" if cat == "tech" else cat, ccs, f"https://{host}/u/{{username}}"),
            {"probe": f"https://{host}/u/{{username}}.json", "headers": JSON,
             "present": (200, '"id":'), "absent": (404, '"error_type":"not_found"'),
             "regex": r"^[A-Za-z0-9_.-]{2,60}$", "platform": "discourse",
             "notes": "Discourse forum."},
        ))
    return tuple(rows)


def forge_sites() -> tuple[Row, ...]:
    """One row per Forgejo/Gitea (or GitLab, for Framagit) host."""
    rows: list[Row] = []
    for line in FORGE_HOSTS.strip().splitlines():
        host, name, ccs = (c.strip() for c in line.split("|"))
        if host == "framagit.org":
            rows.append((
                (name, host, "coding", ccs, f"https://{host}/{{username}}"),
                {"probe": f"https://{host}/api/v4/users?username={{username}}",
                 "present": (200, '"id":'), "absent": (200, "[]"),
                 "platform": "gitlab"},
            ))
            continue
        rows.append((
            (name, host, "coding", ccs, f"https://{host}/{{username}}"),
            {"probe": f"https://{host}/api/v1/users/{{username}}", "headers": JSON,
             "present": (200, '"id":'), "absent": (404, None), "platform": "forgejo"},
        ))
    return tuple(rows)
