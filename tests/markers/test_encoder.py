import numpy as np
import pytest

from transcript_analyzer.markers.encoder import Encoder


@pytest.mark.slow
def test_an_utterance_gets_the_same_vector_whatever_it_is_encoded_with():
    """The shipped model's int8 quantization is dynamic: batched, a text's vector would depend on
    its neighbours. Encoded one per run it must not."""
    encoder = Encoder().load()
    texts = ["It sounds like you feel worn down.", "What would help this week?",
             "When I was going through my divorce my wife took the house and I was drinking every night for a year."]
    alone = encoder.encode(texts[:1])[0]
    together = encoder.encode(texts)
    assert np.array_equal(alone, together[0])
    assert together.shape == (3, encoder.dim)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, encoder.dim)
