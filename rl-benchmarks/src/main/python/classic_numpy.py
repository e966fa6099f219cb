#!/usr/bin/env python3
"""The compute of the classic 2016 pong-from-pixels program, measured on this machine as the reference.

Per step: h = relu(W1 @ x), p = sigmoid(W2 @ h) with x a 6400-pixel difference frame (float64, as the
original), W1 200x6400 and W2 200 (no biases). Per episode of T steps, the backward pass of the original:
dW2 = eph.T @ epdlogp, dh = outer(epdlogp, W2) with the ReLU mask, dW1 = dh.T @ epx. No emulator: this is
the network's compute alone. Prints a JSON object with steps per second.

Usage: python3 classic_numpy.py [--seconds 10] [--episode 1000] [--nonzero 40]
"""
import argparse
import json
import time

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--episode", type=int, default=1000, help="steps per episode (one backward pass each)")
    ap.add_argument("--nonzero", type=int, default=40, help="non-zero pixels per difference frame")
    args = ap.parse_args()
    rng = np.random.default_rng(1)
    D, H = 80 * 80, 200
    W1 = rng.standard_normal((H, D)) / np.sqrt(D)
    W2 = rng.standard_normal(H) / np.sqrt(H)
    frames = np.zeros((args.episode, D))
    for t in range(args.episode):
        idx = rng.choice(D, size=args.nonzero, replace=False)
        frames[t, idx] = rng.choice([-1.0, 1.0], size=args.nonzero)

    def episode():
        xs, hs, dlogps = [], [], []
        for t in range(args.episode):
            x = frames[t]
            h = W1 @ x
            h[h < 0] = 0
            logp = W2 @ h
            p = 1.0 / (1.0 + np.exp(-logp))
            y = 1.0 if rng.random() < p else 0.0
            xs.append(x)
            hs.append(h)
            dlogps.append(y - p)
        epx, eph, epdlogp = np.vstack(xs), np.vstack(hs), np.vstack(dlogps)
        dW2 = (eph.T @ epdlogp).ravel()
        dh = np.outer(epdlogp, W2)
        dh[eph <= 0] = 0
        dW1 = dh.T @ epx
        return dW1, dW2

    episode()  # warm-up
    steps = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        episode()
        steps += args.episode
    elapsed = time.perf_counter() - start
    print(json.dumps({"reference": "classic pong-from-pixels compute, numpy float64",
                      "numpy": np.__version__, "steps": steps, "seconds": round(elapsed, 3),
                      "steps_per_s": round(steps / elapsed, 1)}))


if __name__ == "__main__":
    main()
