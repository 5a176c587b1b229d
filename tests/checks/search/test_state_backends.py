"""Per-scan state (pacing, order, dedup) and the backend chain (keys, opt-ins)."""

from __future__ import annotations

import threading

from checks.search.backends import Locale, build_chain, log_hides_mojeek_key
from checks.search.backends.mojeek import MojeekAPI
from checks.search.queries import Query
from checks.search.state import ScanState


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_pacing_waits_between_queries_to_one_backend_only() -> None:
    clock = FakeClock()
    state = ScanState(sleep=clock.sleep, clock=clock)
    state.pace("ddg", 6.0, 0.0)  # first query: no wait
    assert clock.slept == []
    clock.now += 1.0
    state.pace("ddg", 6.0, 0.0)
    assert clock.slept == [5.0]
    state.pace("searxng", 6.0, 0.0)  # another backend has its own clock
    assert clock.slept == [5.0]
    assert state.sent == 3


def test_jitter_stays_within_bounds() -> None:
    clock = FakeClock()
    state = ScanState(sleep=clock.sleep, clock=clock)
    for _ in range(20):
        state.pace("ddg", 2.0, 3.0)
    assert len(clock.slept) == 19
    assert all(2.0 <= s <= 5.0 for s in clock.slept)
    assert len(set(clock.slept)) > 1  # really random


def test_zero_pace_never_sleeps() -> None:
    clock = FakeClock()
    state = ScanState(sleep=clock.sleep, clock=clock)
    for _ in range(3):
        state.pace("ddg", 0.0, 0.0)
    assert clock.slept == []


def test_queries_run_in_plan_order_whatever_the_thread_order() -> None:
    state = ScanState()
    order: list[int] = []

    def work(i: int) -> None:
        state.wait_turn(i)
        order.append(i)
        state.finish_turn(i)

    threads = [threading.Thread(target=work, args=(i,)) for i in (3, 1, 2, 0)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert order == [0, 1, 2, 3]


def test_blocks_and_claims() -> None:
    state = ScanState()
    state.mark_blocked("ddg-html", "blocked", "first")
    state.mark_blocked("ddg-html", "rate_limited", "second")
    assert state.is_blocked("ddg-html")
    assert state.blocked["ddg-html"] == ("blocked", "first")
    assert not state.is_blocked("searxng")
    assert state.claim_url("https://a.example/", "q1") is None
    assert state.claim_url("https://a.example/", "q2") == "q1"


def test_default_chain_is_duckduckgo_and_opt_ins_come_first() -> None:
    chain, notes = build_chain({}, Locale(), env={})
    assert [b.name for b in chain] == ["ddg-html"]
    assert notes == []
    chain, _ = build_chain({"searxng_url": "http://127.0.0.1:8888/"}, Locale(),
                           env={"EXPOSURE_AUDIT_BRAVE_KEY": "k"})
    assert [b.name for b in chain] == ["searxng", "brave", "ddg-html"]


def test_explicit_backend_without_its_key_is_explained() -> None:
    chain, notes = build_chain({"backend": "brave"}, Locale(), env={})
    assert chain == []
    assert "EXPOSURE_AUDIT_BRAVE_KEY" in notes[0]
    chain, notes = build_chain({"backends": "duckduckgo, nope"}, Locale(), env={})
    assert [b.name for b in chain] == ["ddg-html"]
    assert "unknown search backend 'nope'" in notes[0]


def test_keys_stay_out_of_urls_plans_and_reprs() -> None:
    env = {"EXPOSURE_AUDIT_BRAVE_KEY": "brave-secret", "EXPOSURE_AUDIT_MOJEEK_KEY": "mj-secret"}
    chain, notes = build_chain({"backends": ["brave", "mojeek"]}, Locale("fr", "FR"), env=env)
    query = Query('"Camille Dufresne"', "p", ("name",), "name", 10)
    brave = chain[0]
    request = brave.request(query)
    assert "brave-secret" not in request.url
    assert request.headers["X-Subscription-Token"] == "brave-secret"
    assert "brave-secret" not in repr(brave)
    assert "brave-secret" not in str(brave.planned(query))
    mojeek = MojeekAPI(Locale(), "mj-secret")
    assert "mj-secret" not in mojeek.planned(query).url
    assert "api_key=REDACTED" in mojeek.planned(query).url
    assert "mj-secret" not in repr(mojeek)
    # Mojeek only takes its key in the URL: it is used only when the request log hides it.
    assert ("mojeek" in [b.name for b in chain]) == log_hides_mojeek_key()
    if not log_hides_mojeek_key():
        assert any("mojeek is off" in n for n in notes)


def test_a_query_whose_predecessors_never_start_is_not_held_forever() -> None:
    ticks = iter(float(t) for t in range(10_000))  # each reading of the clock: +1 s
    state = ScanState(clock=lambda: next(ticks))
    done = threading.Event()

    def late() -> None:
        state.wait_turn(5)  # 0..4 never start (a resumed scan already has them)
        done.set()

    thread = threading.Thread(target=late, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert done.is_set()


def test_a_query_waits_for_a_started_predecessor() -> None:
    ticks = iter(float(t) for t in range(10_000))
    state = ScanState(clock=lambda: next(ticks))
    order: list[int] = []
    state.wait_turn(0)  # query 0 started and is running

    def second() -> None:
        state.wait_turn(1)
        order.append(1)

    thread = threading.Thread(target=second, daemon=True)
    thread.start()
    thread.join(timeout=0.5)
    assert order == []  # still waiting, even though the clock ran past the grace period
    order.append(0)
    state.finish_turn(0)
    thread.join(timeout=10)
    assert order == [0, 1]
