"""The sentence encoder: multi-task fine-tuning on the corpora (``finetune``) and the 'encoder'
recipe that exports and quantises it to ONNX (``export``)."""
