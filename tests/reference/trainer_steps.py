#!/usr/bin/env python3
"""Reference numbers for the Steps view, from a real Hugging Face `Trainer`.

Every count and learning rate asserted in `src/core/steps.rs` and `src/core/schedule.rs` tests
comes from this script's output. It trains a one-parameter torch module on a data set of n
identical examples (CPU, no logging, no checkpoints) and reports what the Trainer did:

* `Num Epochs` and `Num update steps per epoch` as the Trainer logs them at the start;
* `max_steps` (total optimizer updates planned) and `global_step` (updates made);
* `state.epoch` at the end;
* examples seen, counted in the model's forward pass;
* the warmup steps (`TrainingArguments.get_warmup_steps`) and the learning rate each
  optimizer update ran with (read between `optimizer.step()` and `lr_scheduler.step()`), plus the
  scheduler's rate after the last update.

Several data-parallel devices are not launched as processes: the per-device dataloader comes from
accelerate's `prepare_data_loader` (the `BatchSamplerShard` the Trainer uses, `even_batches=True`),
and the Trainer's own `set_initial_training_values` counts updates from it.

Versions: transformers 5.24.0, accelerate 1.16.0, torch 2.15.0 (checked at start).
Sources read: transformers 5.24.0 src/transformers/trainer.py (`set_initial_training_values`,
`_inner_training_loop`, `_run_epoch`), src/transformers/training_args.py (`get_warmup_steps`),
src/transformers/optimization.py (the schedule lambdas).

Run (under a minute on one CPU core, most of it importing torch and transformers):

    /work/venv/bin/python tests/reference/trainer_steps.py

or with any Python that has torch, transformers 5.24.0 and accelerate installed.
"""

import logging
import math
import os
import tempfile
import warnings

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
warnings.filterwarnings("ignore")

import accelerate  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from accelerate.data_loader import prepare_data_loader  # noqa: E402
from transformers import Trainer, TrainerCallback, TrainingArguments  # noqa: E402

assert transformers.__version__ == "5.24.0", transformers.__version__

torch.set_num_threads(1)


class Ones(torch.utils.data.Dataset):
    """n examples, each a single feature 1.0."""

    def __init__(self, n):
        self.n = n
        self.x = torch.ones(1)

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return {"x": self.x}


class OneParameter(torch.nn.Module):
    """loss = mean((w - x)²); counts the examples of every forward pass."""

    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.zeros(1))
        self.examples = 0
        self.micro_batches = 0

    def forward(self, x):
        self.examples += x.shape[0]
        self.micro_batches += 1
        return {"loss": ((self.w - x) ** 2).mean()}


class RecordLr(TrainerCallback):
    """The learning rate each optimizer update ran with (before the scheduler steps)."""

    def __init__(self):
        self.lrs = []

    def on_optimizer_step(self, args, state, control, optimizer=None, **kwargs):
        self.lrs.append(optimizer.param_groups[0]["lr"])


class LogLines(logging.Handler):
    """Keeps the Trainer's start-of-training log lines."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())

    def logged(self, name):
        for line in self.lines:
            if line.strip().startswith(name + " ="):
                return int(line.split("=")[1].replace(",", ""))
        raise KeyError(name)


transformers.logging.set_verbosity_info()
LOG = LogLines()
trainer_logger = logging.getLogger("transformers.trainer")
trainer_logger.addHandler(LOG)
trainer_logger.propagate = False
for noisy in ("transformers.training_args", "transformers.configuration_utils"):
    logging.getLogger(noisy).setLevel(logging.ERROR)


def args_for(out, mbs, ga, epochs, max_steps=-1, drop_last=False, lr=1.0, warmup=0.0, sched="constant", kwargs=None):
    return TrainingArguments(
        output_dir=out,
        per_device_train_batch_size=mbs,
        gradient_accumulation_steps=ga,
        num_train_epochs=epochs,
        max_steps=max_steps,
        dataloader_drop_last=drop_last,
        learning_rate=lr,
        warmup_steps=warmup,
        lr_scheduler_type=sched,
        lr_scheduler_kwargs=kwargs or {},
        optim="sgd",
        weight_decay=0.0,
        max_grad_norm=0.0,
        report_to=[],
        use_cpu=True,
        logging_strategy="no",
        save_strategy="no",
        eval_strategy="no",
        disable_tqdm=True,
        dataloader_num_workers=0,
        seed=0,
    )


def run(name, n, mbs, ga, epochs, max_steps=-1, drop_last=False, lr=1.0, warmup=0.0, sched="constant",
        kwargs=None, lrs=False):
    """Trains and prints one case; returns the recorded learning rates."""
    with tempfile.TemporaryDirectory() as out:
        args = args_for(out, mbs, ga, epochs, max_steps, drop_last, lr, warmup, sched, kwargs)
        model = OneParameter()
        record = RecordLr()
        trainer = Trainer(model=model, args=args, train_dataset=Ones(n), callbacks=[record])
        trainer.remove_callback(transformers.PrinterCallback)
        LOG.lines.clear()
        trainer.train()
        warmup_steps = args.get_warmup_steps(trainer.state.max_steps)
        final_lr = trainer.lr_scheduler.get_last_lr()[0]
        print(
            f"{name}: n={n} mbs={mbs} ga={ga} epochs={epochs} max_steps={max_steps} drop_last={int(drop_last)}"
            f" warmup={warmup} sched={sched}"
        )
        print(
            f"  Num Epochs={LOG.logged('Num Epochs')}"
            f" Num update steps per epoch={LOG.logged('Num update steps per epoch')}"
            f" len(dataloader)={len(trainer.get_train_dataloader())}"
            f" max_steps={trainer.state.max_steps} global_step={trainer.state.global_step}"
            f" state.epoch={trainer.state.epoch!r}"
        )
        print(f"  examples seen={model.examples} micro-batches={model.micro_batches} warmup steps={warmup_steps}")
        if lrs:
            print("  lr per update (update 1, 2, ...):", ", ".join(repr(x) for x in record.lrs))
            print(f"  lr after the last update (scheduler step {len(record.lrs)}): {final_lr!r}")
        return record.lrs


def sharded(name, n, mbs, ga, devices, epochs, drop_last=False):
    """Several data-parallel devices: accelerate's per-process dataloader, the Trainer's counts."""
    with tempfile.TemporaryDirectory() as out:
        args = args_for(out, mbs, ga, epochs, drop_last=drop_last)
        trainer = Trainer(model=OneParameter(), args=args, train_dataset=Ones(n))
        lens, examples = [], 0
        for rank in range(devices):
            dl = torch.utils.data.DataLoader(Ones(n), batch_size=mbs, drop_last=drop_last)
            shard = prepare_data_loader(
                dl, num_processes=devices, process_index=rank, put_on_device=False, even_batches=True
            )
            lens.append(len(shard))
            examples += sum(batch["x"].shape[0] for batch in shard)
        counts = trainer.set_initial_training_values(args, shard)
        num_epochs, per_epoch, _, _, _, steps_in_epoch, max_steps = counts
        print(f"{name}: n={n} mbs={mbs} ga={ga} devices={devices} epochs={epochs} drop_last={int(drop_last)}")
        print(
            f"  len(dataloader) per device={lens} Num Epochs={num_epochs} Num update steps per epoch={per_epoch}"
            f" max_steps={max_steps} examples per epoch (all devices)={examples}"
        )


def main():
    print(f"transformers {transformers.__version__}, accelerate {accelerate.__version__}, torch {torch.__version__}")
    # Step counts (src/core/steps.rs).
    run("batch-100", 10_000, 100, 1, 1)
    run("batch-200", 10_000, 200, 1, 1)
    run("default", 10_000, 4, 25, 3, warmup=0.1, sched="cosine")
    run("hf-3-epochs", 10_000, 8, 4, 3, warmup=0.1, sched="cosine")
    run("hf-drop-last", 10_001, 8, 4, 3, drop_last=True)
    run("hf-max-steps", 10_000, 8, 4, 3, max_steps=500)
    run("fractional-1.5", 10_000, 8, 4, 1.5)
    run("fractional-2.5", 1_000, 8, 3, 2.5)
    run("accumulation-longer-than-epoch", 50, 8, 16, 2)
    sharded("three-devices", 10_000, 8, 4, 3, 1)
    sharded("three-devices-drop-last", 10_000, 8, 4, 3, 1, drop_last=True)
    # Schedules (src/core/schedule.rs): W = 10, T = 100, peak 1.
    for sched, kwargs in [
        ("linear", None),
        ("cosine", None),
        ("cosine_with_min_lr", {"min_lr_rate": 0.1}),
        ("constant", None),
        ("constant_with_warmup", None),
    ]:
        run(f"schedule-{sched}", 100, 1, 1, 1, max_steps=100, warmup=10, sched=sched, kwargs=kwargs, lrs=True)
    # A real warmup of 2.5 steps (TrainingArguments accepts a float).
    run("warmup-2.5-linear", 10, 1, 1, 1, warmup=2.5, sched="linear", lrs=True)
    run("warmup-2.5-cosine", 10, 1, 1, 1, warmup=2.5, sched="cosine", lrs=True)


if __name__ == "__main__":
    main()
