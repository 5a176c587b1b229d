"""`exposure-audit demo`: a full audit of a fictional person against the loopback sandbox.

No network is used: the sandbox answers every request on 127.0.0.1 as the real sites would.
"""

from __future__ import annotations

from pathlib import Path

import click

from audit import api
from audit.cli.options import LANGS, public_role_option
from audit.cli.subject import build_subject
from audit.render import RenderOptions
from audit.settings import Settings
from audit.store.paths import private_dir

DEFAULT_DIR = "exposure-audit-demo"


@click.command()
@click.option(
    "--output",
    "-o",
    default=DEFAULT_DIR,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the reports and the demo photos.",
)
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Report language.")
@click.option("--redact", is_flag=True, help="Workshop mode: mask the persona's details.")
@click.option(
    "--save",
    is_flag=True,
    help="Also save the demo scan in the local history (to try `plan`, `requests`, `history`).",
)
@click.option("--open", "open_report", is_flag=True, help="Open report.html when it is written.")
@public_role_option
def demo(
    output: str,
    lang: str,
    redact: bool,
    save: bool,
    open_report: bool,
    public_role: bool | None,
) -> None:
    """Run a complete offline audit of a fictional person and write every report."""
    from audit.sandbox import Sandbox
    from audit.sandbox.demo import (
        DEMO_SUBJECT_KWARGS,
        PHOTO_FOLDER,
        build_demo_world,
    )

    out = private_dir(Path(output))
    persona = private_dir(out / "persona")
    world = build_demo_world(persona, api.registry())
    photos = persona / PHOTO_FOLDER
    kwargs = dict(DEMO_SUBJECT_KWARGS)
    kwargs["lang"] = lang
    subject = build_subject(photo_dirs=[str(photos)], **kwargs)
    with Sandbox(world) as sandbox:
        settings = Settings(
            proxy=sandbox.proxy_url,
            ca_bundle=str(sandbox.ca_path),
            trust_env=False,
            # loopback answers at once; a generous limit keeps a busy workshop laptop from
            # turning the demo's answers into time-outs
            timeout=10.0,
            deadline=120.0,
            lang=lang,
            retries=1,
            max_retry_wait=1.0,
            use_cache=False,
            # no pacing between searches: the sandbox engine does not need it;
            # offline, so the demo also shows what the opt-in email and phone searches reveal
            check_options={
                "search": {
                    "pace_s": 0,
                    "pace_jitter_s": 0,
                    "email_queries": True,
                    "phone_queries": True,
                }
            },
        )
        click.echo(
            f"Sandbox answering on {sandbox.proxy_url} (nothing leaves this machine).", err=True
        )
        report = api.run_scan(
            subject,
            settings,
            save=save,
            tags={"demo": True},
            plan_options={"public_role": public_role},
        )
    if save:
        report = api.with_progress(report)
    from audit.cli.output import show_written, terminal_width

    options = RenderOptions(lang=lang, redact=redact, width=terminal_width())
    written = api.emit(report, [], str(out) + "/", options)
    show_written(report, written, options, open_report)
    if save:
        click.echo(
            f"saved as scan {report.scan_id}: try `exposure-audit plan list`, `requests list`, "
            "`history list`; `exposure-audit forget --all --yes` deletes it all afterwards",
            err=True,
        )
