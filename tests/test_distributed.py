"""Extraction on a Dask cluster gives the same store as the local build (issue 14)."""
from __future__ import annotations

import pytest

from graph.ingest import build
from graph.stores.local import LocalStore
from tests.conftest import SAMPLE

distributed = pytest.importorskip("distributed", reason="needs dask.distributed (the test extra)")


def _contents(store: LocalStore) -> tuple:
    return (store.counts(), [(e.id, e.name) for e in store.entities()],
            sorted(r.id for r in store.relations()),
            sorted((d.id, d.path) for d in store.documents()))


@pytest.fixture
def docs(tmp_path, sample_text):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a_report.txt").write_text(sample_text, encoding="utf-8")
    (folder / "b_news.txt").write_text(
        "云溪市科技局消息：云溪大学与云溪新材料股份有限公司签署合作协议，共建联合实验室。\n"
        "云溪大学云溪研究院在云溪高新区举办成果对接会。", encoding="utf-8")
    (folder / "c_empty.txt").write_bytes(b"")
    return folder


def test_distributed_build_on_a_local_cluster_matches_the_local_build(tmp_path, docs):
    from extract.pipeline import default_pipeline
    from graph.distributed import dask_extractor

    default_pipeline()  # built once here: the in-process workers share it
    local = LocalStore(tmp_path / "local.db")
    local_report = build(local, [docs], workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = LocalStore(tmp_path / "dask.db")  # reached as `--scheduler tcp://…` would
        report = build(remote, [docs], extractor=dask_extractor(cluster.scheduler_address))
    assert len(report.added) == 2 and [p for p, _ in report.failed] == [str(docs / "c_empty.txt")]
    assert report.added == local_report.added
    assert _contents(remote) == _contents(local)
    local.close()
    remote.close()


def test_distributed_cli_needs_a_scheduler(tmp_path):
    from click.testing import CliRunner

    from app.cli import cli

    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "--executor", "dask", "--db", str(tmp_path / "g.db")])
    assert result.exit_code != 0 and "--scheduler" in result.output
