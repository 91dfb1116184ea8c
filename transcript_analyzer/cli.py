"""Command line: each command parses options, calls one library function, and turns library
errors into a message on stderr and an exit status (2 for bad input or options, 1 otherwise).

Heavy modules are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__

FORMATS = "txt, vtt, srt, csv, json, docx, audio"


def _echo(message: str, err: bool = False, one_line: bool = False) -> None:
    """click.echo for text that may hold user-controlled parts (labels, file names, errors):
    control characters are shown as escapes (escape.terminal_text); ``one_line`` escapes line
    feeds too."""
    from .escape import terminal_text

    click.echo(terminal_text(message, newlines=not one_line), err=err)


class _SafeFormatter(logging.Formatter):
    """Log lines quote labels, file names and text: no control character reaches the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        from .escape import terminal_text

        return terminal_text(super().format(record))


def _handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import AnalyzerError
        from .extras import from_import_error

        try:
            return command(*args, **kwargs)
        except AnalyzerError as e:
            _echo(f"error: {e}", err=True, one_line=True)
            sys.exit(e.exit_code)
        except ModuleNotFoundError as e:  # a module of an optional extra (extras.py): name the extra
            missing = from_import_error(e)
            if missing is None:
                raise
            _echo(f"error: {missing}", err=True, one_line=True)
            sys.exit(missing.exit_code)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="transcript-analyzer")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Therapeutic-alliance evidence from therapy-session transcripts. Runs offline."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


def _analysis_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that configure the analysis, shared by `analyze` and `batch`."""
    options = [
        click.option("--format", "fmt", metavar="NAME", help=f"Force a reader: {FORMATS}."),
        click.option("--encoding", metavar="NAME", help="Force the text encoding (default: detected)."),
        click.option("--columns", metavar="SPEC",
                     help="CSV/JSON fields, e.g. 'speaker=Name,text=Line,start=Begin' (also end, role, session)."),
        click.option("--therapist", metavar="NAME",
                     help="Speaker label of the therapist (overrides labels and the role model)."),
        click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
                     help="TOML file with [read], [audio], [roles], [segment], [markers], [output] options."),
        click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
                     help="Override one option, e.g. --set roles.model=path/to/model (repeatable)."),
        click.option("--asr-model", metavar="NAME|PATH",
                     help="Recordings: Whisper model, 'base' (default) or 'tiny.en', or a faster-whisper model folder."),
        click.option("--language", metavar="CODE", help="Recordings: spoken language, e.g. 'en' (default: detected)."),
        click.option("--speakers", metavar="N|auto", help="Recordings: number of speakers (default 2), or 'auto'."),
        click.option("--markers", "marker_names", metavar="LIST",
                     help="Comma-separated markers to code (default: all shipped ones; see `transcript-analyzer markers`); "
                          "'+CODE,...' adds custom codes to them."),
        click.option("--calibration", metavar="NAME",
                     help="Decide the markers with a site calibration fitted to your reviews by `train --recalibrate` "
                          "(default: the shipped thresholds; docs/review.md)."),
        click.option("--no-evidence", is_flag=True, help="Skip finding the words behind each flagged marker (faster)."),
        click.option("--redact", is_flag=True,
                     help="Replace names, places, organisations, dates, ages, phone numbers and addresses with "
                          "placeholders in every output and in the summary."),
        click.option("--raw-csv", is_flag=True,
                     help="Write CSV text cells exactly as they are. By default a cell starting with = + - @ gets a "
                          "leading ' so that spreadsheets do not run it as a formula (docs/schema.md)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _analyzer(fmt: str | None, encoding: str | None, columns: str | None, therapist: str | None,
              config_file: Path | None, overrides: tuple[str, ...], asr_model: str | None, language: str | None,
              speakers: str | None, marker_names: str | None, calibration: str | None, no_evidence: bool, redact: bool,
              raw_csv: bool, **extra: Any) -> Any:
    """The configured analyzer (not loaded) from the shared options."""
    from .api import Analyzer
    from .config import load_config

    return Analyzer(load_config(config_file, overrides), format=fmt, encoding=encoding, columns=columns,
                    therapist=therapist, markers=marker_names, calibration=calibration,
                    evidence=False if no_evidence else None,
                    asr_model=asr_model, language=language, speakers=speakers, redact=True if redact else None,
                    raw_csv=True if raw_csv else None, **extra)


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--out", metavar="DIR|-",
              help="Folder for session.json, utterances.csv, report.html and summary.md, or '-' for the session "
                   "JSON on stdout. Without it, only the summary is printed. The folder is replaced as a whole: "
                   "it must be new, empty or written by an earlier run, and not the input's folder.")
@click.option("--session", "session_id", metavar="ID", help="Which session of a multi-session file to read.")
@_analysis_options
@click.option("--date", metavar="YYYY-MM-DD", help="Date of the session (recordings: default from the file's tags).")
@click.option("--embed-audio", is_flag=True,
              help="Recordings: embed the audio in report.html (Opus, ~11 MB per hour) instead of linking the file.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the summary.")
@_handle_errors
def analyze(input_path: Path, out: str | None, session_id: str | None, date: str | None, embed_audio: bool,
            quiet: bool, **options: Any) -> None:
    """Analyse one session, a transcript or a recording: roles, utterances, alliance markers and
    session metrics. Recordings (wav, flac, mp3, m4a, ogg, mp4, webm, ...) are transcribed with
    Whisper and split into speakers first, offline."""
    from .io.writers import check_output_folder, session_json, write_outputs
    from .progress import audio_progress
    from .report.summary import summary_text

    analyzer = _analyzer(**options, session=session_id, date=date, embed_audio=True if embed_audio else None)
    if out and out != "-":
        check_output_folder(out, [input_path])  # before a long analysis; checked again under the folder's lock
    with audio_progress(False if quiet else None) as show:
        session = analyzer.analyze(input_path, progress=show)
    if out == "-":
        sys.stdout.buffer.write(session_json(session))
        sys.stdout.flush()
    elif out:
        paths = write_outputs(session, out, embed_audio=analyzer.config.output.embed_audio,
                              raw_csv=analyzer.config.output.raw_csv, inputs=[input_path])
    if not quiet:
        _echo(summary_text(session), err=out == "-")
        if out and out != "-":
            _echo("wrote " + ", ".join(str(p) for p in paths), one_line=True)
            report = next((p for p in paths if p.name == "report.html"), None)
            if report:
                _echo(f"report: {report.resolve().as_uri()}", one_line=True)
        elif not out:
            click.echo("(nothing written: pass --out DIR to save session.json, utterances.csv and the report)")


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUTS...")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Run folder: sessions/<id>/ (each session's outputs) and the corpus tables.")
@click.option("--workers", type=int, metavar="N", help="Local worker processes (default: one per core).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Use a running Dask scheduler, e.g. tls://host:8786 (a tcp:// one is unencrypted: warned).")
@click.option("--tls-ca-file", type=click.Path(path_type=Path, dir_okay=False), metavar="PEM",
              help="With a tls:// --scheduler: the CA that signed the cluster's certificates.")
@click.option("--tls-cert", type=click.Path(path_type=Path, dir_okay=False), metavar="PEM",
              help="With a tls:// --scheduler: this client's certificate.")
@click.option("--tls-key", type=click.Path(path_type=Path, dir_okay=False), metavar="PEM",
              help="With a tls:// --scheduler: this client's private key (if not in --tls-cert).")
@click.option("--force", is_flag=True, help="Redo sessions that are already finished.")
@click.option("--corpus", metavar="NAME", help="Corpus name in the tables and datapackage.json (default: the input "
              "folder's name; several inputs: their names joined with '+'; with --redact: the run folder's name).")
@click.option("--convokit", is_flag=True, help="Also write a ConvoKit corpus folder (convokit/).")
@click.option("--id-map", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="With --redact: write the map from the opaque session ids back to the input files here "
                   "(a CSV; never inside --out, which holds nothing identifying).")
@_analysis_options
@_handle_errors
def batch(inputs: tuple[str, ...], out_dir: Path, workers: int | None, scheduler: str | None,
          tls_ca_file: Path | None, tls_cert: Path | None, tls_key: Path | None, force: bool,
          corpus: str | None, convokit: bool, id_map: Path | None, **options: Any) -> None:
    """Analyse many sessions on Dask: INPUTS are folders (searched recursively), glob patterns,
    files, or a manifest CSV (columns path, and optionally session_id, therapist, date, format,
    session). Resumable: a rerun skips finished sessions. Exit status 1 if any file failed
    (listed in failures.csv). Nothing inside --out is read as input; one run at a time per
    --out (a second fails at once)."""
    from .batch import BatchOptions, run_batch, tls_files
    from .progress import batch_progress

    analyzer = _analyzer(**options)
    tls = tls_files(tls_ca_file, tls_cert, tls_key)
    with batch_progress() as show:
        result = run_batch(inputs, out_dir, analyzer.config,
                           BatchOptions(workers=workers, scheduler=scheduler, tls=tls, force=force, corpus=corpus,
                                        convokit=convokit, id_map=id_map), progress=show)
    click.echo(f"{result.total} sessions: {result.analysed} analysed, {result.skipped} already finished, "
               f"{result.failed} failed; {result.seconds:.1f} s")
    for f in result.failures[:10]:
        _echo(f"  failed: {f['input'] or f['session_id']} [{f['stage']}] {f['error']}", err=True, one_line=True)
    _echo("wrote " + ", ".join(str(p) for p in result.tables), one_line=True)
    if not result.ok:
        sys.exit(1)


@main.command()
@click.argument("sessions", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("progress.html"),
              show_default=True, help="The HTML page to write.")
@click.option("--title", metavar="TEXT", help="Page title, e.g. the trainee's pseudonym.")
@_handle_errors
def progress(sessions: tuple[Path, ...], out_file: Path, title: str | None) -> None:
    """Compare one trainee's sessions: marker rates, MI scores and the alliance index over time.
    SESSIONS are folders written by `analyze --out` (or their session.json files); they are
    ordered by date when every session has one."""
    from .report.progress import write_progress

    path = write_progress(sessions, out_file, title)
    _echo(f"wrote {path}", one_line=True)
    _echo(f"report: {path.resolve().as_uri()}", one_line=True)


@main.command()
def formats() -> None:
    """List the input formats and how each is recognised."""
    from .audio.decode import AUDIO_SUFFIXES
    from .io.readers import READERS

    for reader in READERS:
        click.echo(f"{reader.name:<5} .{', .'.join(reader.suffixes):<16} {reader.description}")
    click.echo(f"audio {', '.join(sorted(AUDIO_SUFFIXES))}: recordings (any container FFmpeg reads), transcribed "
               "with Whisper and split into speakers, offline")


@main.command()
@click.argument("inputs", nargs=-1, metavar="[RECIPE | REVIEWS...]",
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("../shared/data"),
              show_default=True, help="Folder with the training corpora.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Where to write the model folder (default: trained_models/<name>). With --labels or --recalibrate: "
                   "the models folder to write NAME/ into (default: $TA_MODELS_DIR, else "
                   "~/.local/share/transcript-analyzer/models).")
@click.option("--only", multiple=True, metavar="NAME", help="Heads recipes: train only this head (repeatable).")
@click.option("--labels", "labels_file", type=click.Path(path_type=Path, dir_okay=False), metavar="LABELS.csv",
              help="Train a custom code from your own labelled utterances (layout below).")
@click.option("--name", metavar="CODE", help="With --labels: the code's name (lowercase letters, digits, '_'); with "
                                             "--recalibrate: the calibration's name (default 'site').")
@click.option("--context", type=click.Choice(["previous-turn"]),
              help="With --labels: also use the client's previous turn (the context column).")
@click.option("--description", metavar="TEXT", help="With --labels: what the code means (shown in its card).")
@click.option("--quote-errors", is_flag=True,
              help="With --labels: quote the worst cross-validated errors' texts in the card (default: line numbers "
                   "only, as labels files may hold sensitive text).")
@click.option("--replace", is_flag=True, help="With --labels or --recalibrate: replace a code or calibration that exists.")
@click.option("--recalibrate", is_flag=True,
              help="Refit the shipped markers' thresholds to REVIEWS (review files exported by report.html) and install "
                   "them as a site calibration NAME (--name, default 'site'); use it with `analyze --calibration NAME`.")
@click.option("--sessions", "session_paths", multiple=True, type=click.Path(path_type=Path), metavar="PATH",
              help="With --recalibrate: the analysed sessions the reviews were made on (`analyze --out` or `batch --out` "
                   "folders, or folders of them; repeatable).")
@_handle_errors
def train(inputs: tuple[Path, ...], data_dir: Path, out_dir: Path | None, only: tuple[str, ...],
          labels_file: Path | None, name: str | None, context: str | None, description: str | None,
          quote_errors: bool, replace: bool, recalibrate: bool, session_paths: tuple[Path, ...]) -> None:
    """Train a model from a RECIPE in pipelines/ (writes weights, metrics and a model card), or
    a custom code from your own labels: --labels LABELS.csv --name CODE.

    \b
    LABELS.csv: UTF-8 CSV, a header row, then one therapist utterance per row:
      text          the utterance (required)
      label         1/0, yes/no or true/false (required; binary codes only)
      context       the client's previous turn (required with --context previous-turn)
      conversation  (or session) the conversation the row comes from: cross-validation then
                    keeps conversations apart (without it, it splits examples: optimistic)
    At least 20 rows, with at least 5 of each label. The code is cross-validated, gets a
    model card, and is installed in the user models folder; code sessions with it by
    `analyze --markers +CODE`. See docs/custom_codes.md.

    \b
    Or refit the shipped markers' decision thresholds to your reviews (docs/review.md):
      train --recalibrate REVIEWS... --sessions RUNS [--name NAME]
    """
    if recalibrate:
        if labels_file or only or context or description or quote_errors:
            raise click.UsageError("--recalibrate takes REVIEWS..., --sessions, --name, --out and --replace only")
        if not inputs or not session_paths:
            raise click.UsageError("--recalibrate needs the review files (REVIEWS...) and --sessions PATH")
        from .review.recalibrate import DEFAULT_NAME, recalibrate as fit_calibration, summary_lines

        result = fit_calibration(inputs, session_paths, name or DEFAULT_NAME, out_dir, replace)
        _echo("\n".join([f"wrote {result.folder} (model card: {result.folder / 'card.md'})", *summary_lines(result),
                         f"use it: transcript-analyzer analyze SESSION --calibration {result.data['name']}"]))
        return
    if session_paths:
        raise click.UsageError("--sessions goes with --recalibrate")
    if len(inputs) > 1:
        raise click.UsageError("give one RECIPE (several files go with --recalibrate)")
    recipe = inputs[0] if inputs else None
    if labels_file is None:
        if recipe is None or name or context or description or quote_errors or replace:
            raise click.UsageError("give a RECIPE, or --labels LABELS.csv --name CODE (--context, --description, "
                                   "--quote-errors and --replace go with --labels)")
        from .training import train_recipe

        folder = train_recipe(recipe, data_dir, out_dir, set(only) or None)
        _echo(f"wrote {folder}", one_line=True)
        return
    if recipe is not None or only or not name:
        raise click.UsageError("--labels needs --name CODE, and no RECIPE or --only")
    from .markers.custom import summary
    from .training.custom.train import train_custom_code

    result = train_custom_code(labels_file, name, context, out_dir, quote_errors, description or "", replace)
    _echo(f"wrote {result.folder} (model card: {result.folder / 'card.md'})\n{summary(name, result.folder)}\n"
          f"trained in {result.seconds:.1f} s; use it: transcript-analyzer analyze SESSION --markers +{name}")


@main.group()
def review() -> None:
    """Learn from reviews: the verdicts a supervisor exported from report.html (docs/review.md)."""


@review.command("import")
@click.argument("reviews", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="REVIEWS...")
@click.option("--sessions", "session_paths", multiple=True, required=True, type=click.Path(path_type=Path),
              metavar="PATH", help="The analysed sessions the reviews were made on: `analyze --out` or `batch --out` "
                                   "folders, folders of them, or session.json files (repeatable; searched recursively).")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Write gold.csv (for `evaluate --gold`), labels_<marker>.csv (for `train --labels`) and "
                   "review_import.json here. The folder is replaced as a whole. Without it, only the check and counts.")
@_handle_errors
def review_import(reviews: tuple[Path, ...], session_paths: tuple[Path, ...], out_dir: Path | None) -> None:
    """Check review files against the sessions they came from (a review of another version of a
    session is refused) and turn them into gold labels and training labels."""
    from .review.importer import import_reviews
    from .review.output import render, summary_lines, write_import

    imported = import_reviews(reviews, session_paths)
    if out_dir:
        paths, info = write_import(imported, out_dir, [*reviews, *session_paths])
    else:
        paths, info = [], render(imported)[1]
    lines, warnings = summary_lines(info)
    for line in lines:
        _echo(line, one_line=True)
    for w in warnings:
        _echo(f"warning: {w}", err=True, one_line=True)
    if paths:
        _echo("wrote " + ", ".join(str(p) for p in paths), one_line=True)
        _echo(f"next: transcript-analyzer evaluate --gold {out_dir / 'gold.csv'} --pred <the reviewed runs>", one_line=True)
    else:
        click.echo("(nothing written: pass --out DIR for gold.csv and the labels files)")


@main.command()
def markers() -> None:
    """List the markers, what each means, and how well its models agree with human coders; then
    the installed custom codes with their cross-validated agreement, and the site calibrations."""
    from .markers.validity import validity_table

    for m, lines in validity_table():
        click.echo(f"{m.name}  [{m.group}]  {m.title}: {m.description}")
        for line in lines:
            click.echo(f"    {line}")
    from .markers.custom import installed, installed_definition, summary
    from .resources import user_models_dir

    codes = installed()
    _echo(f"custom codes in {user_models_dir()}: {len(codes) or 'none'} (add one with `train --labels`)")
    for name, folder in codes.items():
        _echo(f"{name}  [custom]  {installed_definition(name, folder).description}", one_line=True)
        _echo(f"    {summary(name, folder)}")
    from .markers.calibration import installed_lines

    for line in installed_lines():
        _echo(line, one_line=True)


@main.command()
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("../shared/data"),
              show_default=True, help="Folder with the corpora the models were evaluated on.")
@click.option("--only", multiple=True, metavar="NAME",
              help="Check only this model: 'coder', 'boundaries', 'alliance_index', a head name, or 'disclosure_appropriateness' "
                   "(repeatable).")
@click.option("--gold", "gold_file", type=click.Path(path_type=Path), metavar="CODED.csv",
              help="Human codes (AnnoMI layout or session_id, utterance_index|turn_index, code, value; "
                   "see docs/agreement.md): score a run against them instead.")
@click.option("--pred", "pred_dir", type=click.Path(path_type=Path), metavar="RUN_DIR",
              help="With --gold: a folder from `analyze --out` or `batch --out`, or a folder of such folders.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="With --gold: write agreement.json, agreement.csv and agreement_sessions.csv here.")
@click.option("--match", "match_file", type=click.Path(path_type=Path, dir_okay=False), metavar="MAP.csv",
              help="With --gold: pair gold and predicted sessions explicitly (columns gold_session_id, "
                   "pred_session_id); otherwise they are matched by id, file name or content.")
@click.option("--exclude-training", is_flag=True,
              help="With --gold: leave out the gold sessions that were in the shipped models' training or "
                   "validation data.")
@_handle_errors
def evaluate(data_dir: Path, only: tuple[str, ...], gold_file: Path | None, pred_dir: Path | None,
             out_dir: Path | None, match_file: Path | None, exclude_training: bool) -> None:
    """Re-score the shipped coder and heads on their test splits and compare with their model cards; or, with
    --gold and --pred, measure how well a run's codes agree with human coders."""
    if gold_file or pred_dir or out_dir or match_file or exclude_training:
        if not (gold_file and pred_dir):
            raise click.UsageError("--gold and --pred go together (and --out, --match and --exclude-training need both)")
        from .training.agreement.human_agreement import evaluate_agreement
        from .training.agreement.report import format_table, write_report

        report = evaluate_agreement(gold_file, pred_dir, match=match_file, exclude_training=exclude_training)
        _echo(format_table(report))
        if out_dir:
            _echo("wrote " + ", ".join(str(p) for p in write_report(report, out_dir)), one_line=True)
        return
    from .resources import project_dir
    from .training.heads.evaluate import check_appropriateness, check_heads, format_checks

    pipelines = project_dir() / "pipelines"
    checks = []
    if not only or "coder" in only:
        from .training.coder.evaluate import check_coder

        checks += check_coder(pipelines / "coder.toml", data_dir)
    if not only or "boundaries" in only:
        from .training.boundaries.recipe import check as check_boundaries

        checks += check_boundaries(data_dir)
    if not only or "alliance_index" in only:
        from .training.index_recipe import check as check_index

        checks += check_index(data_dir)
    heads = set(only) - {"coder", "boundaries", "alliance_index", "disclosure_appropriateness"}
    if not only or heads:
        checks += check_heads(pipelines / "heads.toml", data_dir, heads or None)
    if not only or "disclosure_appropriateness" in only:
        checks += check_appropriateness(pipelines / "disclosure_appropriateness.toml", data_dir)
    click.echo(format_checks(checks))
    if not all(c.ok for c in checks):
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
