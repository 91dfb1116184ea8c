import numpy as np

from transcript_analyzer.audio.frames import GRID, frame_scores, sharpen


def _step(change: float = 5.0, length: float = 10.0, window: float = 1.5, hop: float = 0.25):
    """Windows over one speech region where voice A speaks before ``change`` and B after: a
    window's similarity to each voice is the share of it each voice fills."""
    starts = list(np.arange(0.0, length - window + 1e-9, hop))
    share_a = np.array([np.clip((change - s) / window, 0.0, 1.0) for s in starts])
    vectors = np.stack([share_a, 1 - share_a], axis=1)  # with unit centroids, vectors @ centroids.T = the shares
    return [(0.0, length)], starts, vectors, np.eye(2), window


def test_sharpened_scores_are_steeper_at_a_turn_change_and_cross_where_it_is():
    regions, starts, vectors, centroids, window = _step()
    times, plain, region_of = frame_scores(regions, starts, vectors, centroids, window)
    sharp = sharpen(times, plain, region_of, starts, vectors @ centroids.T, window)
    margin_plain, margin_sharp = plain[:, 0] - plain[:, 1], sharp[:, 0] - sharp[:, 1]
    crossing = times[np.argmax(margin_sharp < 0)]
    assert abs(crossing - 5.0) <= GRID + 1e-9
    # the stretch where neither voice clearly wins is narrower
    assert (np.abs(margin_sharp) < 0.5).sum() <= 0.7 * (np.abs(margin_plain) < 0.5).sum()
    assert np.all(np.sign(margin_sharp[np.abs(times - 5.0) > 0.3]) == np.sign(margin_plain[np.abs(times - 5.0) > 0.3]))


def test_sharpened_scores_still_explain_every_window():
    regions, starts, vectors, centroids, window = _step(change=3.3)
    times, plain, region_of = frame_scores(regions, starts, vectors, centroids, window)
    sharp = sharpen(times, plain, region_of, starts, vectors @ centroids.T, window)
    centre = times + GRID / 2
    explained = np.array([sharp[(centre >= s) & (centre < s + window)].mean(axis=0) for s in starts])
    assert np.abs(explained - vectors).max() < 0.1
    assert np.abs(plain.mean(axis=0) - sharp.mean(axis=0)).max() < 0.05
