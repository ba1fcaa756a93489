"""`innograph brief`: the briefing deck for the leaders' meeting, as PPTX or PDF."""
from __future__ import annotations

from pathlib import Path

import click

from app.cli.common import store_options
from graph.stores import GraphStore

MESSAGES = {
    "building": ("正在读取图谱、生成幻灯片…", "Reading the graph, making the slides…"),
    "writing": ("正在绘制图片并写入 {out}…", "Drawing the pictures, writing {out}…"),
    "done": ("{out}：{slides} 页幻灯片，{pictures} 张图", "{out}: {slides} slides, {pictures} pictures"),
    "missing": ("缺少：{what}", "missing: {what}"),
}


def _say(lang: str, key: str, **values) -> str:
    return MESSAGES[key][lang == "en"].format(**values)


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--region", default=None,
              help="Only actors in this region (e.g. 绍兴, 柯桥; districts inside it count).")
@click.option("--chain", "chains", multiple=True,
              help="A chain for slides 5-8 (id or Chinese name); repeat for several "
                   "(default: the three chains with the most actors).")
@click.option("--title", default=None, help="The deck's title (default: from the region).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the slides.")
@store_options
def brief(out: Path, region: str | None, chains: tuple[str, ...], title: str | None, lang: str,
          store: GraphStore) -> None:
    """The briefing deck (8-14 slides) as OUT.pptx or OUT.pdf, same content in both.

    Title, the ecosystem at a glance, the network map, plan versus result, one slide per
    chain with its segments and gaps, who could fill the gaps, recommended partnerships,
    hubs and brokers, and the sources. Speaker notes carry the evidence (document and
    sentence) of every figure.

    \b
    Example:
        innograph brief briefing.pptx
        innograph brief briefing.pdf --region 绍兴 --chain 现代纺织 --chain 集成电路
    """
    from graph.briefing import build_deck, deck_format, write_deck

    deck_format(out)  # a wrong suffix fails before any work
    click.echo(_say(lang, "building"), err=True)
    deck = build_deck(store, region=region, chains=chains, title=title, lang=lang)
    click.echo(_say(lang, "writing", out=out), err=True)
    write_deck(deck, out)
    click.echo(_say(lang, "done", out=out, slides=len(deck.slides), pictures=deck.pictures))
    for what in deck.missing:
        click.echo(_say(lang, "missing", what=what))
