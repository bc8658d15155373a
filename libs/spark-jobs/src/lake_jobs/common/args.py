"""Job arguments: the same names through awsglue's ``getResolvedOptions`` on Glue and argparse locally.

Glue's documentation asks for underscore names (``--run_date``); locally the usual spelling is ``--run-date``.
Both spellings are accepted in both places, so a job definition and a laptop command line copy across.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from lake_jobs.common.paths import LakePaths

ENVS = ("dev", "prod")


@dataclass(frozen=True)
class ArgSpec:
    """One ``--name`` argument (hyphenated name; the underscore spelling is accepted too)."""

    name: str
    help: str
    required: bool = False
    default: str | None = None
    choices: tuple[str, ...] | None = None

    @property
    def dest(self) -> str:
        return self.name.replace("-", "_")


COMMON_ARGS: tuple[ArgSpec, ...] = (
    ArgSpec("contract", "path or s3:// URI of the dataset's contract.json", required=True),
    ArgSpec("input", "root URI or path the job reads (bronze root, or the silver root for gold)"),
    ArgSpec("output", "root URI or path the job writes its table under"),
    ArgSpec("quarantine", "URI or path of the quarantine table"),
    ArgSpec("report", "folder URI or path for the JSON run reports"),
    ArgSpec("run-date", "the day to process, YYYY-MM-DD (or give --date-from and --date-to)"),
    ArgSpec("date-from", "first day of a range to process, YYYY-MM-DD, inclusive"),
    ArgSpec("date-to", "last day of a range to process, YYYY-MM-DD, inclusive"),
    ArgSpec("env", "dev or prod: PII is masked unless prod", default="dev", choices=ENVS),
    ArgSpec(
        "run-id", "identifier of this run; defaults to <dataset>-<YYYYMMDD> so a rerun overwrites its output"
    ),
    ArgSpec("lake", "local lake root: fills --input/--output/--quarantine/--report that are not given"),
)


# Which lake folder each URI argument defaults to when only --lake is given; each job passes its own.
LakeLayout = Mapping[str, Callable[[LakePaths], str]]
BRONZE_TO_SILVER_LAYOUT: LakeLayout = {
    "input": lambda p: p.bronze,
    "output": lambda p: p.silver,
    "quarantine": lambda p: p.quarantine,
    "report": lambda p: p.reports,
}


class ArgumentError(ValueError):
    """Arguments that do not make a run: says which argument and what to pass."""


@dataclass(frozen=True)
class JobArgs:
    contract: str
    input: str | None
    output: str | None
    quarantine: str | None
    report: str | None
    run_dates: tuple[date, ...]
    env: str
    run_id: str | None
    lake: str | None = None
    extra: Mapping[str, str | None] = field(default_factory=dict)

    @property
    def is_prod(self) -> bool:
        return self.env == "prod"

    def run_id_for(self, dataset: str, day: date) -> str:
        """The explicit ``--run-id`` (suffixed per day when a range runs), else the deterministic default."""
        if self.run_id is None:
            return default_run_id(dataset, day)
        return self.run_id if len(self.run_dates) == 1 else f"{self.run_id}-{day:%Y%m%d}"

    def require(self, *names: str) -> None:
        """Fail with the missing argument names (each job needs a different subset of the optional URIs)."""
        missing = [
            n for n in names if getattr(self, n.replace("-", "_"), None) is None and self.extra.get(n) is None
        ]
        if missing:
            raise ArgumentError(
                "missing argument(s): "
                + ", ".join(f"--{n}" for n in missing)
                + " (or give --lake for local runs)"
            )


def default_run_id(dataset: str, day: date) -> str:
    """Deterministic, so a rerun of a day writes over the same run's report and partitions."""
    return f"{dataset}-{day:%Y%m%d}"


def parse_date(value: str, arg: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ArgumentError(f"--{arg}: {value!r} is not a date in YYYY-MM-DD form") from err


def date_range(first: date, last: date) -> tuple[date, ...]:
    if last < first:
        raise ArgumentError(f"--date-to {last} is before --date-from {first}")
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


def resolve_run_dates(values: Mapping[str, str | None]) -> tuple[date, ...]:
    run_date, first, last = values.get("run_date"), values.get("date_from"), values.get("date_to")
    if run_date and (first or last):
        raise ArgumentError("give either --run-date or --date-from/--date-to, not both")
    if run_date:
        return (parse_date(run_date, "run-date"),)
    if first and last:
        return date_range(parse_date(first, "date-from"), parse_date(last, "date-to"))
    if first or last:
        raise ArgumentError("--date-from and --date-to go together")
    raise ArgumentError("missing --run-date (or --date-from and --date-to)")


def _normalize(argv: Sequence[str]) -> list[str]:
    """``--run_date`` -> ``--run-date``, ``--x=y`` -> ``--x y``: one spelling for argparse."""
    out: list[str] = []
    for token in argv:
        if token.startswith("--"):
            name, eq, value = token[2:].partition("=")
            out.append("--" + name.replace("_", "-"))
            if eq:
                out.append(value)
        else:
            out.append(token)
    return out


def build_parser(prog: str, specs: Sequence[ArgSpec]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog)
    for spec in specs:
        parser.add_argument(
            f"--{spec.name}", dest=spec.dest, required=spec.required, default=spec.default,
            choices=spec.choices, help=spec.help,
        )  # fmt: skip
    return parser


def _glue_values(argv: Sequence[str], specs: Sequence[ArgSpec]) -> dict[str, str | None]:
    from awsglue.utils import getResolvedOptions

    # getResolvedOptions treats every name it is given as required, so only ask for the ones present.
    glue_argv = [
        argv[0],
        *(re.sub(r"^--([\w-]+)", lambda m: "--" + m[1].replace("-", "_"), a) for a in argv[1:]),
    ]
    present = [s.dest for s in specs if f"--{s.dest}" in glue_argv]
    missing = [f"--{s.name}" for s in specs if s.required and s.dest not in present]
    if missing:
        raise ArgumentError("missing argument(s): " + ", ".join(missing))
    resolved = getResolvedOptions(glue_argv, present) if present else {}
    values: dict[str, str | None] = {s.dest: resolved.get(s.dest, s.default) for s in specs}
    for spec in specs:
        if spec.choices and values[spec.dest] not in (None, *spec.choices):
            raise ArgumentError(
                f"--{spec.name}: {values[spec.dest]!r} is not one of {', '.join(spec.choices)}"
            )
    return values


def parse_job_args(
    prog: str,
    argv: Sequence[str] | None = None,
    extra: Sequence[ArgSpec] = (),
    *,
    glue: bool | None = None,
    lake_layout: LakeLayout = BRONZE_TO_SILVER_LAYOUT,
) -> JobArgs:
    """Parse ``sys.argv`` (or ``argv``, without the program name) into :class:`JobArgs`.

    ``extra`` are the job's own arguments; their values land in ``JobArgs.extra`` under their hyphenated
    names.
    """
    from lake_jobs.common.session import on_glue

    specs = (*COMMON_ARGS, *extra)
    if glue if glue is not None else on_glue():
        values = _glue_values([prog, *(sys.argv[1:] if argv is None else argv)], specs)
    else:
        parsed = build_parser(prog, specs).parse_args(_normalize(sys.argv[1:] if argv is None else argv))
        values = vars(parsed)
    return args_from_values(values, extra, lake_layout)


def args_from_values(
    values: Mapping[str, str | None],
    extra: Sequence[ArgSpec] = (),
    lake_layout: LakeLayout = BRONZE_TO_SILVER_LAYOUT,
) -> JobArgs:
    lake = values.get("lake")
    paths = LakePaths.local(lake) if lake else None

    def uri(name: str) -> str | None:
        given = values.get(name)
        if given or paths is None or name not in lake_layout:
            return given
        return lake_layout[name](paths)

    return JobArgs(
        contract=str(values["contract"]),
        input=uri("input"),
        output=uri("output"),
        quarantine=uri("quarantine"),
        report=uri("report"),
        run_dates=resolve_run_dates(values),
        env=str(values.get("env") or "dev"),
        run_id=values.get("run_id"),
        lake=lake,
        extra={spec.name: values.get(spec.dest) for spec in extra},
    )
