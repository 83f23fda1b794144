"""A team desk given both hosts (README, Team desk, failover: `postgresql://ge24_alice@db1,db2/
ge2024?target_session_attrs=read-write`) is named in every message and log line as it was
written, each host with its own port. libpq keeps a URL's hosts and ports as two lists
("db1,db2" and "5432,5433"), and the desk joined them as they came: a server that could not
be reached was "postgresql://ge24_alice@db1,db2:5432,5433/ge2024", which reads as db1 on
the default port and db2 on a port "5432,5433"."""

from __future__ import annotations

import pytest

from resultsdesk.store.errors import StoreError
from resultsdesk.store.postgres.store import PgStore


@pytest.mark.parametrize(("url", "named"), [
    ("postgresql://ge24_alice@127.0.0.1:1,127.0.0.2:2/ge2024?target_session_attrs=read-write",
     "postgresql://ge24_alice@127.0.0.1:1,127.0.0.2:2/ge2024"),
    ("postgresql://ge24_alice@127.0.0.1,127.0.0.2:1/ge2024",  # libpq: db2's port only
     "postgresql://ge24_alice@127.0.0.1,127.0.0.2:1/ge2024"),
    ("postgresql://ge24_alice@127.0.0.1:1/ge2024", "postgresql://ge24_alice@127.0.0.1:1/ge2024"),
])
def test_an_unreachable_list_of_hosts_is_named_as_written(url, named):
    with pytest.raises(StoreError) as refused:
        PgStore(url, password="never sent")
    assert f"cannot reach the server for {named}:" in str(refused.value)


def test_init_names_the_hosts_it_cannot_reach_as_written():
    from resultsdesk.store.postgres import prepare
    from resultsdesk.store.postgres.preparation import PrepareError

    with pytest.raises(PrepareError, match=r"for 127\.0\.0\.1:1,127\.0\.0\.2:2/ge2024:"):
        prepare("postgresql://postgres@127.0.0.1:1,127.0.0.2:2/ge2024", "UK 2024")
