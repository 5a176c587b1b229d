"""Final answers only, for the urllib3 engine: informational (1xx) answers are skipped, ten at most.

http.client skips `100 Continue` answers without limit (a server sending them without end
holds a request forever, each one renewing the read timeout) and returns any other 1xx, such
as `103 Early Hints`, as if it were the answer. `final_answers_only` makes a urllib3 pool
manager read responses with `FinalResponse`, which skips every 1xx but 101 and gives up after
`MAX_INFORMATIONAL`, as the event-loop engine does.
"""

from __future__ import annotations

import functools
import http.client
from typing import Any

MAX_INFORMATIONAL = 10
_MAX_LINE = 65536
_MAX_HEADERS = 100


class FinalResponse(http.client.HTTPResponse):
    """An http.client response that reads past informational answers."""

    def _read_status(self) -> tuple[str, int, str]:
        for _ in range(MAX_INFORMATIONAL + 1):
            version, status, reason = super()._read_status()  # type: ignore[misc]
            if status == 101 or not 100 <= status < 200:
                return version, status, reason
            self._skip_headers()
        raise http.client.HTTPException(
            f"more than {MAX_INFORMATIONAL} informational (1xx) answers"
        )

    def _skip_headers(self) -> None:
        for _ in range(_MAX_HEADERS + 1):
            line = self.fp.readline(_MAX_LINE + 1)
            if len(line) > _MAX_LINE:
                raise http.client.LineTooLong("header line")
            if line in (b"\r\n", b"\n", b""):
                return
        raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")


@functools.cache
def _with_final(pool_cls: Any) -> Any:
    """A subclass of a urllib3 pool class whose connections read with `FinalResponse`."""
    conn_cls = type(
        pool_cls.ConnectionCls.__name__,
        (pool_cls.ConnectionCls,),
        {"response_class": FinalResponse},
    )
    return type(pool_cls.__name__, (pool_cls,), {"ConnectionCls": conn_cls})


def final_answers_only(manager: Any) -> Any:
    """Make a urllib3 PoolManager / ProxyManager / SOCKSProxyManager use `FinalResponse`."""
    manager.pool_classes_by_scheme = {
        scheme: _with_final(cls) for scheme, cls in manager.pool_classes_by_scheme.items()
    }
    return manager
