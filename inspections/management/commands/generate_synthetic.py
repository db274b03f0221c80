"""A synthetic national dataset for load tests, written into a database the user names, never the real one.

    python manage.py generate_synthetic --database-name jt_synthetic_1 --scale 1
    python manage.py generate_synthetic --database-name jt_synthetic_10 --scale 10 --replace

Scale 1 is every council of authorities/data/councils.csv (current and ended); scale N adds N-1 synthetic
copies of each ("Derby (synthetic 2)", codes E06 9xxxxx...), so 10x and 100x have ten and a hundred times the
councils and events. Each council gets an inspection about every three years from 2009 while it exists (SLAC
until 2012, SIF until 2017, ILACS after), graded judgements of the framework's themes, recommendations,
focused visits between inspections, monitoring visits after an inadequate judgement, the odd JTAI, and ten
statistical neighbours.

The command creates and migrates the named database if it does not exist, refuses the database the site
itself uses, and refuses a database that already holds data unless --replace is given (which empties it).
"""

import datetime
import random
import time

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from authorities.models import Authority, StatisticalNeighbour, Succession
from authorities.reference import parse_councils
from inspections.models import Inspection, Judgement, Recommendation
from inspections.reading.vocabulary import FRAMEWORK_GRADES

ALIAS = "synthetic"
FIRST_YEAR = 2009
LAST_DAY = datetime.date(2025, 3, 31)
THEMES = {
    "slac": [
        ("safeguarding", "overall", "Overall effectiveness"),
        ("safeguarding", "help_and_protection", "Children and young people are safe and feel safe"),
        ("safeguarding", "capacity_for_improvement", "Capacity for improvement"),
        ("safeguarding", "leadership", "Leadership and management"),
        ("looked_after_children", "children_in_care", "Overall effectiveness"),
        ("looked_after_children", "capacity_for_improvement", "Capacity for improvement"),
    ],
    "sif": [
        ("", "overall", "Overall effectiveness"),
        ("", "help_and_protection", "The experiences and progress of children who need help and protection"),
        (
            "",
            "children_in_care",
            "The experiences and progress of children looked after and achieving permanence",
        ),
        ("", "adoption", "Adoption performance"),
        ("", "care_leavers", "The experiences and progress of care leavers"),
        ("", "leadership", "Leadership, management and governance"),
        ("", "lscb", "The Local Safeguarding Children Board (LSCB review)"),
    ],
    "ilacs": [
        ("", "overall", "Overall effectiveness"),
        ("", "leadership", "The impact of leaders on social work practice with children and families"),
        ("", "help_and_protection", "The experiences and progress of children who need help and protection"),
        ("", "children_in_care", "The experiences and progress of children in care"),
        ("", "care_leavers", "The experiences and progress of care leavers"),
    ],
}
TIMESCALES = ["", "immediately", "within_3_months", "within_6_months"]


def _framework(year: int) -> str:
    return "slac" if year < 2013 else "sif" if year < 2018 else "ilacs"


class Command(BaseCommand):
    help = "Write a synthetic national dataset (1x, 10x, 100x) into a database you name; never the real one."

    def add_arguments(self, parser):
        parser.add_argument("--database-name", required=True, help="The database to create or fill.")
        parser.add_argument("--scale", type=int, default=1, choices=[1, 10, 100])
        parser.add_argument("--seed", type=int, default=2009)
        parser.add_argument("--replace", action="store_true", help="Empty the named database first.")

    def handle(self, *args, database_name, scale, seed, replace, **options):
        default = settings.DATABASES["default"]
        if database_name == default["NAME"]:
            raise CommandError(f"{database_name} is the site's own database: name another one.")
        self._create_database(default, database_name)
        connections.databases[ALIAS] = {**default, "NAME": database_name}
        try:
            call_command("migrate", database=ALIAS, verbosity=0, interactive=False)
            if Inspection.objects.using(ALIAS).exists() or Authority.objects.using(ALIAS).exists():
                if not replace:
                    raise CommandError(
                        f"{database_name} already holds data: add --replace to empty it first."
                    )
                call_command("flush", database=ALIAS, interactive=False, verbosity=0)
            started = time.monotonic()
            counts = self._generate(scale, random.Random(seed))  # noqa: S311 - test data, not secrets
        finally:
            connections[ALIAS].close()
            del connections.databases[ALIAS]
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(f"{database_name} (scale {scale}): {summary} in {time.monotonic() - started:.0f}s.")

    def _create_database(self, default, name):
        dsn = {
            "host": default.get("HOST") or "127.0.0.1",
            "port": default.get("PORT") or 5432,
            "user": default.get("USER") or "postgres",
            "password": default.get("PASSWORD") or None,
            "dbname": "postgres",
            "autocommit": True,
        }
        with psycopg.connect(**{k: v for k, v in dsn.items() if v is not None}) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
                self.stdout.write(f"Created database {name}.")

    @transaction.atomic(using=ALIAS)
    def _generate(self, scale, rng):
        rows, problems = parse_councils()
        if problems:
            raise CommandError("\n".join(problems))
        councils: list[Authority] = []
        by_code: dict[tuple[int, str], Authority] = {}
        for copy in range(scale):
            for index, row in enumerate(rows):
                suffix = f" (synthetic {copy + 1})" if copy else ""
                code = row.gss_code if not copy else f"{row.gss_code[:3]}{900000 + copy * 1000 + index:06d}"
                council = Authority(
                    name=row.name + suffix,
                    short_name=row.short_name + suffix,
                    slug=row.slug + (f"-s{copy + 1}" if copy else ""),
                    gss_code=code,
                    dfe_number=row.dfe_number if not copy else None,
                    region=row.region,
                    type=row.type,
                    active_from=row.active_from,
                    active_to=row.active_to,
                )
                councils.append(council)
                by_code[(copy, row.gss_code)] = council
        Authority.objects.using(ALIAS).bulk_create(councils, batch_size=2000)
        successions = [
            Succession(
                predecessor=by_code[(copy, row.gss_code)], successor=by_code[(copy, code)], date=row.active_to
            )
            for copy in range(scale)
            for row in rows
            for code in row.successor_codes
        ]
        Succession.objects.using(ALIAS).bulk_create(successions)

        neighbours = []
        for copy in range(scale):
            group = [by_code[(copy, row.gss_code)] for row in rows if not row.active_to]
            for council in group:
                peers = [c for c in group if c.pk != council.pk and c.type == council.type] or group
                for rank, peer in enumerate(rng.sample(peers, min(10, len(peers))), start=1):
                    neighbours.append(StatisticalNeighbour(authority=council, neighbour=peer, rank=rank))
        StatisticalNeighbour.objects.using(ALIAS).bulk_create(neighbours, batch_size=5000)

        inspections, judgement_specs, recommendation_specs = [], [], []
        for council in councils:
            start = max(
                council.active_from or datetime.date(FIRST_YEAR, 1, 1), datetime.date(FIRST_YEAR, 1, 1)
            )
            end = min(council.active_to or LAST_DAY, LAST_DAY)
            value = rng.choice([2, 3, 3, 4])
            day = start + datetime.timedelta(days=rng.randrange(0, 700))
            while day < end:
                kind = _framework(day.year)
                finish = day + datetime.timedelta(days=11)
                inspection = Inspection(
                    authority=council, kind=kind, start_date=day, end_date=finish,
                    published_date=finish + datetime.timedelta(days=rng.randrange(30, 60)),
                    inspection_type="standard" if kind == "ilacs" else "",
                    lead_inspector=f"Inspector {rng.randrange(1, 400)}",
                )  # fmt: skip
                inspections.append(inspection)
                value = min(4, max(1, value + rng.choice([-1, 0, 0, 1])))
                for section, theme, label in THEMES[kind]:
                    if theme == "care_leavers" and kind == "ilacs" and day.year < 2023:
                        continue
                    theme_value = min(4, max(1, value + rng.choice([-1, 0, 0, 0, 1])))
                    grade = FRAMEWORK_GRADES[kind][theme_value]
                    judgement_specs.append((inspection, section, theme, label, grade, theme_value))
                for position in range(1, rng.randrange(3, 9)):
                    recommendation_specs.append((inspection, position, rng.choice(TIMESCALES)))
                # Between inspections: monitoring visits after an inadequate judgement, else a focused visit.
                gap = rng.randrange(2 * 365, 4 * 365)
                if value == 4:
                    for month in (5, 10, 15):
                        visit = day + datetime.timedelta(days=30 * month)
                        if visit < end:
                            inspections.append(self._visit(council, "monitoring_visit", visit))
                    gap = rng.randrange(500, 800)
                elif day.year >= 2018 and day + datetime.timedelta(days=500) < end:
                    inspections.append(
                        self._visit(council, "focused_visit", day + datetime.timedelta(days=500))
                    )
                if rng.random() < 0.15 and day + datetime.timedelta(days=300) < end:
                    inspections.append(self._visit(council, "jtai", day + datetime.timedelta(days=300)))
                day += datetime.timedelta(days=gap)
        Inspection.objects.using(ALIAS).bulk_create(inspections, batch_size=5000)
        judgements = [
            Judgement(inspection=i, section=s, theme=t, label=lbl, grade=g, value=v)
            for i, s, t, lbl, g, v in judgement_specs
        ]
        Judgement.objects.using(ALIAS).bulk_create(judgements, batch_size=10000)
        recommendations = [
            Recommendation(
                inspection=i,
                position=p,
                text=f"Improve the quality and timeliness of practice ({i.authority.short_name}, {p}).",
                timescale=ts,
                timescale_as_written=dict(Recommendation.Timescale.choices)[ts] if ts else "",
            )
            for i, p, ts in recommendation_specs
        ]
        Recommendation.objects.using(ALIAS).bulk_create(recommendations, batch_size=10000)
        return {
            "councils": len(councils),
            "neighbour links": len(neighbours),
            "events": len(inspections),
            "judgements": len(judgements),
            "recommendations": len(recommendations),
        }

    @staticmethod
    def _visit(council, kind, day):
        return Inspection(
            authority=council, kind=kind, start_date=day, end_date=day + datetime.timedelta(days=1),
            published_date=day + datetime.timedelta(days=30),
        )  # fmt: skip
