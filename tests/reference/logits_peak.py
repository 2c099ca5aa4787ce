#!/usr/bin/env python3
"""Peak memory of the LM head's logits and the causal-LM loss, per logit, measured.

transformers 5.24.0 computes the loss of `*ForCausalLM` models in
`src/transformers/loss/loss_utils.py`, `ForCausalLMLoss`: `logits.float()`, then
`nn.functional.cross_entropy` (log-softmax + NLL). This script runs exactly that on CPU for
s = 2048 positions and V = 32,000 (n = 65,536,000 logits, large enough that every tensor of
logit size is its own mmap and the process's peak resident size tracks live bytes), and reports
the growth of the peak resident set (`getrusage` `ru_maxrss`) per logit, in a fresh process per
width. Expected (and found):
  bf16 logits: 2 (logits, kept by the model output) + 4 (log-softmax output, saved by autograd)
               + 4 (NLL gradient) + 4 (gradient of the fp32 logits) = 14 B per logit;
  fp32 logits: 4 + 4 + 4 + 4 = 16 B per logit (`.float()` is then the same tensor).
The fp32 upcast of bf16 logits is freed after the forward pass (10 B per logit at its peak).

Generates the vectors of:
  src/core/memory/activations.rs   test `logits_reference_example` (`logits_bytes`)
  tests/e2e/memory.test.mjs        the 14 B per logit of the logits test

Run (torch 2.15.0, transformers 5.24.0; about 1.1 GB of memory):
  python tests/reference/logits_peak.py
Exits non-zero if a measured value is more than 0.1 B per logit from the expected one.
"""

import subprocess
import sys

CHILD = r"""
import resource, sys, torch
from transformers.loss.loss_utils import ForCausalLMLoss
dt = {"bf16": torch.bfloat16, "fp32": torch.float32}[sys.argv[1]]
s, V, h = 2048, 32000, 16
n = s * V
torch.manual_seed(0)
hidden = torch.randn(1, s, h, dtype=dt, requires_grad=True)
head = torch.nn.Linear(h, V, bias=False, dtype=dt)
head.weight.requires_grad_(False)
labels = torch.randint(0, V, (1, s))
ForCausalLMLoss(head(hidden[:, :8]), labels[:, :8], V).backward()  # warm-up, small
hidden.grad = None
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
base = peak()
logits = head(hidden)
loss = ForCausalLMLoss(logits, labels, V)
fwd = peak()
loss.backward()
print((fwd - base) / n, (peak() - base) / n)
"""


def main():
    bad = 0
    for width, want in [("bf16", 14.0), ("fp32", 16.0)]:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, width], capture_output=True, text=True, check=True
        ).stdout.split()
        fwd, total = float(out[-2]), float(out[-1])
        ok = abs(total - want) <= 0.1
        bad += not ok
        print(f"  {width}: forward peak {fwd:.2f} B/logit, overall peak {total:.2f} B/logit"
              f"  {'ok' if ok else f'MISMATCH (Rust: {want})'}")
    if bad:
        sys.exit(1)
    print("all match")


if __name__ == "__main__":
    main()
