"""Every input of one PD's report year, read in a fixed number of queries, with the rules
that pick a target and roll a budget up. The tables (reporting.tables) and the consistency
check (reporting.checks) both compute from this one reading, so they cannot disagree on
which target or which budget a figure uses."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from . import calculations as calc
from .models import (
    Analysis,
    Budget,
    Comparison,
    Indicator,
    Node,
    Realisasi,
    Renstra,
    Target,
)
from .selectors import pk_in_force

S = Target.Source


class ReportData:
    def __init__(self, pd, year: int):
        self.pd, self.year = pd, year
        self.nodes: dict[str, Node] = {n.code: n for n in Node.objects.filter(pd=pd)}
        by_id = {n.id: n.code for n in self.nodes.values()}
        self.parent: dict[str, str | None] = {
            n.code: by_id.get(n.parent_id) for n in self.nodes.values()
        }
        self.children: dict[str, list[str]] = defaultdict(list)
        for code, parent in self.parent.items():
            if parent is not None:
                self.children[parent].append(code)
        indicators = Indicator.objects.filter(pd=pd).select_related("node", "pengampu")
        self.indicators: dict[str, Indicator] = {i.code: i for i in indicators}
        self.realisasi: dict[tuple[int, int], Decimal] = {
            (r.indicator_id, r.year): r.value
            for r in Realisasi.objects.filter(indicator__pd=pd, triwulan=0)
        }
        self.targets: dict[int, dict[str, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
        for t in Target.objects.filter(indicator__pd=pd):
            self.targets[t.indicator_id][t.source][t.year] = t.value
        self.budget: dict[int, dict[str, Budget]] = defaultdict(dict)
        for b in Budget.objects.filter(node__pd=pd).select_related("node"):
            self.budget[b.year][b.node.code] = b
        self.pk = pk_in_force(pd=pd, year=year, on_date=dt.date(year, 12, 31))
        self.pk_sources: list[str] = []
        if self.pk is not None:
            if self.pk.version == "perubahan":
                self.pk_sources.append(S.PK_PERUBAHAN)
            self.pk_sources.append(S.PK)
        self.renstra = (
            Renstra.objects.filter(pd=pd, start_year__lte=year, end_year__gte=year)
            .order_by("-start_year")
            .first()
        )
        self.comparisons: dict[int, list[Comparison]] = defaultdict(list)
        for c in Comparison.objects.filter(indicator__pd=pd, year=year):
            self.comparisons[c.indicator_id].append(c)
        self.analyses: dict[int, Analysis] = {
            a.indicator_id: a for a in Analysis.objects.filter(indicator__pd=pd, year=year)
        }

    # ------------------------------------------------------------------ order

    def ordered_nodes(self) -> list[Node]:
        """Depth first, siblings by their order: the order of the report's tables."""
        roots = sorted(
            (n for n in self.nodes.values() if self.parent[n.code] is None),
            key=lambda n: n.order,
        )
        out: list[Node] = []

        def walk(node: Node) -> None:
            out.append(node)
            for child in sorted(
                (self.nodes[c] for c in self.children[node.code]), key=lambda n: n.order
            ):
                walk(child)

        for root in roots:
            walk(root)
        return out

    def ordered_indicators(self, levels: tuple[str, ...] | None = None) -> list[Indicator]:
        by_node: dict[int, list[Indicator]] = defaultdict(list)
        for indicator in self.indicators.values():
            by_node[indicator.node_id].append(indicator)
        out = []
        for node in self.ordered_nodes():
            if levels is None or node.level in levels:
                out.extend(sorted(by_node[node.id], key=lambda i: i.code))
        return out

    def ancestor(self, code: str, level: str) -> Node | None:
        while code is not None:
            node = self.nodes[code]
            if node.level == level:
                return node
            code = self.parent[code]
        return None

    # ---------------------------------------------------------------- targets

    def pk_target(self, indicator: Indicator) -> tuple[str, str] | None:
        targets = self.targets[indicator.id]
        for source in self.pk_sources:
            if self.year in targets[source]:
                return source, targets[source][self.year]
        return None

    def basis(self, indicator: Indicator, year: int | None = None) -> tuple[str, str] | None:
        """The target a capaian is measured against: the PK in force, else the Renstra,
        else the Renja, else the DPA or another document (sub kegiatan have no PK)."""
        year = self.year if year is None else year
        if year == self.year:
            found = self.pk_target(indicator)
            if found:
                return found
        targets = self.targets[indicator.id]
        order = (S.RENSTRA, S.RENJA, S.LAINNYA)
        if year != self.year:
            order = (S.PK_PERUBAHAN, S.PK, *order)
        for source in order:
            if year in targets[source]:
                return source, targets[source][year]
        return None

    def target_value(self, indicator: Indicator, year: int | None = None) -> str | None:
        found = self.basis(indicator, year)
        return found[1] if found else None

    def final_target(self, indicator: Indicator) -> str | None:
        """The Renstra's target for its last year (else its latest year's)."""
        renstra = self.targets[indicator.id][S.RENSTRA]
        if not renstra:
            return None
        if self.renstra is not None and self.renstra.end_year in renstra:
            return renstra[self.renstra.end_year]
        return renstra[max(renstra)]

    def realisasi_of(self, indicator: Indicator, year: int | None = None) -> Decimal | None:
        return self.realisasi.get((indicator.id, self.year if year is None else year))

    def capaian(self, indicator: Indicator, year: int | None = None) -> calc.Capaian:
        return calc.capaian(
            self.target_value(indicator, year),
            self.realisasi_of(indicator, year),
            negative=indicator.negative,
        )

    def capaian_unrounded(self, indicator: Indicator) -> Decimal | None:
        """CK for the efisiensi formula: unrounded (calculations round only at the end)."""
        target = calc.Target.parse(self.target_value(indicator))
        realisasi = self.realisasi_of(indicator)
        if target is None or target.upper == 0 or realisasi is None:
            return None
        ratio = realisasi / target.upper * 100
        return 200 - ratio if indicator.negative else ratio

    # ----------------------------------------------------------------- budget

    def budget_of(self, code: str, year: int | None = None) -> tuple[int | None, int | None]:
        """(pagu, realisasi) of a node: its own row, else the sum of its descendants'."""
        year = self.year if year is None else year
        rows = self.budget[year]
        if code in rows:
            return rows[code].pagu, rows[code].realisasi
        pagu = realisasi = None
        for child in self.children[code]:
            p, r = self.budget_of(child, year)
            if p is not None:
                pagu = (pagu or 0) + p
            if r is not None:
                realisasi = (realisasi or 0) + r
        return pagu, realisasi

    def programs(self) -> list[Node]:
        return [n for n in self.ordered_nodes() if n.level == Node.Level.PROGRAM]

    def total_budget(self, year: int | None = None) -> tuple[int | None, int | None]:
        pagu = realisasi = None
        for program in self.programs():
            p, r = self.budget_of(program.code, year)
            if p is not None:
                pagu = (pagu or 0) + p
            if r is not None:
                realisasi = (realisasi or 0) + r
        return pagu, realisasi

    def efisiensi(self, indicator: Indicator) -> Decimal | None:
        """Section 3.1.7 of the seed for one row: its node's pagu, CK and realisasi."""
        pagu, realisasi = self.budget_of(indicator.node.code)
        ck = self.capaian_unrounded(indicator)
        if not pagu or realisasi is None or ck is None:
            return None
        return calc.efisiensi([calc.EfisiensiItem(pagu, ck, realisasi)])
