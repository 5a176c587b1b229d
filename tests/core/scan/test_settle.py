"""`Probe.settle_with` groups: held until complete, combined by `Check.settle`, in order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from audit.check import Check, CheckContext, Probe
from audit.models import CheckResult, Outcome, Reason, Status, Subject
from audit.scan.settle import Settler, settle_all


class _Pairs(Check):
    name: ClassVar[str] = "pairs"
    title: ClassVar[str] = "pairs"
    description: ClassVar[str] = "two probes per group, one result kept"

    def probes(self, subject: Subject, options: Mapping[str, Any],
               previous: Sequence[CheckResult] = ()) -> Iterable[Probe]:
        return ()

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        return Outcome(Status.NOT_FOUND)

    def settle(self, answered: Sequence[tuple[Probe, Sequence[CheckResult]]]
               ) -> list[CheckResult]:
        seen = sorted(p.target for p, _ in answered)
        return [CheckResult(check=self.name, target="+".join(seen), status=Status.UNKNOWN,
                            reason=Reason.UNEXPECTED_RESPONSE, detail="combined")]


def _result(target: str) -> list[CheckResult]:
    return [CheckResult(check="pairs", target=target, status=Status.NOT_FOUND)]


def test_a_group_is_held_until_all_its_probes_are_answered() -> None:
    check = _Pairs()
    jobs = [(check, Probe("pairs", "a", settle_with="g")), (check, Probe("pairs", "b")),
            (check, Probe("pairs", "c", settle_with="g"))]
    seen: list[int] = []
    settler = Settler(jobs, seen.append)
    assert settler.add(0, _result("a")) == []
    assert [r.target for r in settler.add(1, _result("b"))] == ["b"]  # not grouped: as is
    (combined,) = settler.add(2, _result("c"))
    assert combined.target == "a+c"
    assert seen == [-1]  # two probes gave one result: the progress total is corrected
    assert settler.flush() == []


def test_flush_settles_incomplete_groups_and_the_default_keeps_everything() -> None:
    check = _Pairs()
    jobs = [(check, Probe("pairs", "a", settle_with="g")),
            (check, Probe("pairs", "c", settle_with="g"))]
    settler = Settler(jobs)
    assert settler.add(0, _result("a")) == []
    (partial,) = settler.flush()
    assert partial.target == "a"
    rest = settle_all(check, [(Probe("pairs", "x"), _result("x")),
                              (Probe("pairs", "y", settle_with="h"), _result("y"))])
    assert [r.target for r in rest] == ["x", "y"]
    plain = Check.settle(check, [(Probe("pairs", "a"), _result("a")),
                                 (Probe("pairs", "b"), _result("b"))])
    assert [r.target for r in plain] == ["a", "b"]
