//! Multi-task mixing rates and what a planned training run draws from each task.
//!
//! * Examples-proportional mixing with a cap K and a temperature T, as T5 describes it
//!   (Raffel et al. 2020, §3.5.2) and `google/seqio` 0.0.20 computes it (`seqio/utils.py`,
//!   `mixing_rate_num_examples`): rate_i = min(n_i, K)^(1/T), normalised over the tasks; the cap
//!   applies before the temperature. T = 1 without K is proportional mixing; T → ∞ is equal
//!   mixing (`mix=equal`).
//! * The multilingual form p_i ∝ n_i^α is the same rule with α = 1/T: mT5 uses α = 0.3 (seqio
//!   temperature 1/0.3, `multilingual_t5/tasks.py`), XLM-R α = 0.3 on p_i = n_i/Σn (the same
//!   thing after normalising), mBERT smooths with S = 0.7 (`google-research/bert`,
//!   `multilingual.md`).
//!
//! Given the examples drawn in total over training, each task gets rate_i × total draws, i.e.
//! draws/n_i epochs over its data, and warnings flag tasks repeated too often, starved, or
//! dominating the mix ([`Warning`]).
//!
//! The task list's format and checks are in [`tasks`], the rates in [`rates`], and what a run
//! draws from each task in [`plan`].

mod plan;
mod rates;
mod tasks;

pub use plan::*;
pub use rates::*;
pub use tasks::*;

/// URL key of the task list `name:count[:seq],…`.
pub const FIELD_TASKS: &str = "tasks";
/// URL key of the cap K.
pub const FIELD_K: &str = "k";
/// URL key of the temperature T.
pub const FIELD_T: &str = "t";
/// URL key of the exponent α = 1/T (the multilingual name for the same knob).
pub const FIELD_ALPHA: &str = "alpha";
/// URL key of the mixing kind (`examples` or `equal`).
pub const FIELD_MIX: &str = "mix";
/// URL key of the examples drawn in total over training.
pub const FIELD_DRAW: &str = "draw";

/// Most examples per task accepted.
pub const MAX_EXAMPLES: u64 = 1_000_000_000_000_000;
/// Most tasks read from one list.
pub const MAX_TASKS: usize = 1000;
/// Largest tokens-per-example accepted.
pub const MAX_SEQ: f64 = 1e9;
/// Largest temperature accepted (use `mix=equal` for the limit T → ∞).
pub const MAX_TEMPERATURE: f64 = 1e6;
/// Most examples drawn in total.
pub const MAX_DRAW: f64 = 1e18;

/// A task is flagged as repeated beyond this many epochs: Muennighoff et al. 2023, "Scaling
/// Data-Constrained Language Models", found up to about 4 epochs of repeated data worth nearly
/// as much as fresh data, with returns falling off after that.
pub const REPEAT_EPOCHS: f64 = 4.0;
/// A task is flagged as starved below this share of the draws (1 %).
pub const STARVED_SHARE: f64 = 0.01;
/// A task is flagged as dominating when its share is above this (a majority of all draws)…
pub const DOMINANT_SHARE: f64 = 0.5;
/// …and more than this many times the next largest share. This app's choice: a majority alone
/// is normal under proportional mixing, but when every other task gets under a fifth of the
/// leader's draws the model mostly learns the big task (the imbalance T5's cap K is there to limit;
/// Raffel et al. 2020, §3.5.2). With two tasks it
/// fires above a 5 : 1 split (≈ 83 %).
pub const DOMINANT_RATIO: f64 = 5.0;

/// mT5's exponent α = 0.3 (Xue et al. 2021, §3; seqio temperature 1/0.3).
pub const MT5_ALPHA: f64 = 0.3;
/// XLM-R's exponent α = 0.3 (Conneau et al. 2020).
pub const XLMR_ALPHA: f64 = 0.3;
/// mBERT's smoothing exponent S = 0.7 (`google-research/bert`, `multilingual.md`).
pub const MBERT_S: f64 = 0.7;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::{ErrorKind, InputError};

    fn near(got: &[f64], want: &[f64], tol: f64) -> bool {
        got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() <= tol)
    }

    const T5: [f64; 3] = [1e6, 1e5, 1e4];

    #[test]
    fn t5_table() {
        // e = (1e6, 1e5, 1e4) through seqio 0.0.20 `seqio/utils.py` `mixing_rate_num_examples`,
        // normalised: `python tests/reference/mix_rates.py`.
        // Proportional: (0.9009, 0.0901, 0.0090).
        assert!(near(
            &mixing_rates(&T5, None, 1.0),
            &[0.9009, 0.0901, 0.0090],
            5e-5
        ));
        // K = 2^16: (0.46456, 0.46456, 0.07089).
        let k16 = mixing_rates(&T5, Some(65536.0), 1.0);
        assert!(near(&k16, &[0.46456, 0.46456, 0.07089], 5e-6));
        // K = 2^21, T = 2: (0.70610, 0.22329, 0.07061).
        let k21 = mixing_rates(&T5, Some(2_097_152.0), 2.0);
        assert!(near(&k21, &[0.70610, 0.22329, 0.07061], 5e-6));
        // T → ∞: (1/3, 1/3, 1/3).
        let third = [1.0 / 3.0; 3];
        assert!(near(
            &mixing_rates(&T5, None, MAX_TEMPERATURE),
            &third,
            1e-5
        ));
        assert!(near(&equal_rates(&T5), &third, 1e-15));
        assert_eq!(
            Mixing::parse("equal", "", "").unwrap().rates(&T5),
            equal_rates(&T5)
        );
    }

    #[test]
    fn multilingual_alpha() {
        // n = (1e9, 1e7): `python tests/reference/mix_rates.py`.
        let n = [1e9, 1e7];
        // α = 1 (proportional): (0.9901, 0.0099).
        assert!(near(&mixing_rates(&n, None, 1.0), &[0.9901, 0.0099], 5e-5));
        // mBERT S = 0.7: (0.9617, 0.0383).
        let m = Mixing::from_alpha(MBERT_S, None).unwrap();
        assert!(near(&m.rates(&n), &[0.9617, 0.0383], 5e-5));
        // mT5 α = 0.3 (seqio temperature 1/0.3): (0.7992, 0.2008).
        let m = Mixing::from_alpha(MT5_ALPHA, None).unwrap();
        assert!(near(&m.rates(&n), &[0.7992, 0.2008], 5e-5));
        assert!((m.alpha() - 0.3).abs() < 1e-15);
        // XLM-R's form on probabilities is the same rule.
        assert!(near(
            &multilingual_rates(&n, XLMR_ALPHA),
            &m.rates(&n),
            1e-12
        ));
        // mBERT README: 1000× more data is sampled 1000^0.7 ≈ 125.9× more (google-research/bert
        // `multilingual.md` rounds it to 100×).
        let r = multilingual_rates(&[1000.0, 1.0], MBERT_S);
        assert!((r[0] / r[1] - 125.8925).abs() < 1e-3);
    }

    #[test]
    fn rows_parse_independently() {
        let rows = parse_tasks("qa:10k,sum:-5,:100,code:abc,qa:20,chat:1e4:512,x:1:2:3, ,med:3万");
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[0].as_ref().unwrap().examples, 10_000);
        let err = |i: usize| rows[i].clone().unwrap_err();
        assert_eq!(
            (err(1).column, err(1).error.kind),
            (TaskColumn::Count, ErrorKind::BelowMin(1.0))
        );
        assert_eq!(
            (err(2).column, err(2).error.kind),
            (TaskColumn::Name, ErrorKind::Empty)
        );
        assert_eq!(
            (err(3).column, err(3).error.kind),
            (TaskColumn::Count, ErrorKind::NotANumber)
        );
        assert_eq!(
            (err(4).column, err(4).error.kind),
            (TaskColumn::Name, ErrorKind::Duplicate("qa".into()))
        );
        assert_eq!(err(4).error.field, "tasks");
        assert_eq!(rows[5].as_ref().unwrap().seq, Some(512.0));
        assert_eq!(err(6).column, TaskColumn::Row);
        assert_eq!(rows[7].as_ref().unwrap().examples, 30_000);
        assert_eq!(
            task_from_cells("a", "1", "0").unwrap_err().column,
            TaskColumn::Seq
        );
        assert_eq!(
            task_from_cells("a", "2.5", "").unwrap_err().error.kind,
            ErrorKind::NotWhole
        );
        // The good rows still make a plan, aligned with the row indices.
        let p = plan(&rows, Mixing::proportional(), None).unwrap();
        assert_eq!(p.rows.len(), 8);
        assert!(p.rows[0].is_some() && p.rows[1].is_none() && p.rows[7].is_some());
        let total: f64 = p.rows.iter().flatten().map(|o| o.rate).sum();
        assert!((total - 1.0).abs() < 1e-12);
        let ok: Vec<Task> = rows.into_iter().flatten().collect();
        assert_eq!(format_tasks(&ok), "qa:10000,chat:10000:512,med:30000");
        assert_eq!(
            parse_tasks(&format_tasks(&ok))
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
            ok
        );
    }

    #[test]
    fn settings_errors() {
        assert_eq!(
            Mixing::parse("", "", "0").unwrap_err(),
            InputError::new("t", ErrorKind::NotAbove(0.0))
        );
        assert_eq!(
            Mixing::parse("", "-3", "").unwrap_err(),
            InputError::new("k", ErrorKind::NotAbove(0.0))
        );
        assert_eq!(Mixing::parse("", "0", "2").unwrap_err().field, "k");
        assert_eq!(Mixing::parse("", "", "-1").unwrap_err().field, "t");
        assert_eq!(Mixing::parse("uniform", "", "").unwrap_err().field, "mix");
        assert_eq!(Mixing::from_alpha(0.0, None).unwrap_err().field, "alpha");
        assert_eq!(parse_draw("0").unwrap_err().field, "draw");
        assert_eq!(planned_draws(64, 1000), Ok(64_000.0));
        assert_eq!(
            planned_draws(u64::MAX, u64::MAX).unwrap_err().kind,
            ErrorKind::Overflow
        );
        let rows = parse_tasks(":1,a:x");
        assert_eq!(
            plan(&rows, Mixing::proportional(), None).unwrap_err().kind,
            ErrorKind::EmptyList
        );
    }

    #[test]
    fn plan_warnings_epochs_and_tokens() {
        // T5 counts, proportional, 1e6 examples drawn in total.
        let rows = parse_tasks("big:1e6:100,mid:1e5:100,small:1e4:1000");
        let p = plan(&rows, Mixing::proportional(), Some(1e6)).unwrap();
        let o: Vec<&TaskOutcome> = p.rows.iter().flatten().collect();
        // Proportional draws give each task the same epochs: 1e6/1.11e6 = 0.9009.
        for t in &o {
            assert!((t.epochs.unwrap() - 1e6 / 1.11e6).abs() < 1e-12);
        }
        assert!((o[0].drawn.unwrap() - 1e12 / 1.11e6).abs() < 1e-6);
        // big: 0.9009 share and exactly 10× mid → dominating; small: 0.9 % → starved.
        assert!(matches!(o[0].warnings[..], [Warning::Dominating { .. }]));
        assert!(o[1].warnings.is_empty());
        assert!(matches!(o[2].warnings[..], [Warning::Starved { .. }]));
        // Token shares: rates × seq ∝ (1e6·100, 1e5·100, 1e4·1000) = (1e8, 1e7, 1e7), over 1.2e8.
        let tok: Vec<f64> = o.iter().map(|t| t.token_share.unwrap()).collect();
        assert!(near(&tok, &[1e8 / 1.2e8, 1e7 / 1.2e8, 1e7 / 1.2e8], 1e-12));
        // Equal mixing of the same tasks, 1e6 draws: small is seen 33.3 times → repeated.
        let p = plan(&rows, Mixing::parse("equal", "", "").unwrap(), Some(1e6)).unwrap();
        let small = p.rows[2].as_ref().unwrap();
        assert!(
            matches!(small.warnings[..], [Warning::Repeated { epochs }] if (epochs - 100.0 / 3.0).abs() < 1e-9)
        );
        assert_eq!(p.comparison[p.current].scheme, Scheme::Equal);
        // A missing seq on one row: no token shares at all.
        let rows = parse_tasks("a:10,b:20:5");
        let p = plan(&rows, Mixing::proportional(), None).unwrap();
        assert!(
            p.rows
                .iter()
                .flatten()
                .all(|o| o.token_share.is_none() && o.drawn.is_none())
        );
        // One task alone is never "dominating".
        let p = plan(&parse_tasks("only:5"), Mixing::proportional(), Some(10.0)).unwrap();
        assert!(p.rows[0].as_ref().unwrap().warnings.is_empty());
        // mT5-style α = 0.3: 0.7992 vs 0.2008 is under 5× → not dominating.
        let m = Mixing::from_alpha(MT5_ALPHA, None).unwrap();
        let p = plan(&parse_tasks("en:1e9,sw:1e7"), m, None).unwrap();
        assert!(p.rows.iter().flatten().all(|o| o.warnings.is_empty()));
    }

    #[test]
    fn comparison_chart() {
        let rows = parse_tasks("a:1e6,b:1e5,c:1e4");
        let m = Mixing::parse("", "65536", "2").unwrap();
        let p = plan(&rows, m, None).unwrap();
        let kinds: Vec<Scheme> = p.comparison.iter().map(|s| s.scheme).collect();
        assert_eq!(
            kinds,
            vec![
                Scheme::Proportional,
                Scheme::Capped { k: 65536.0 },
                Scheme::Temperature {
                    k: Some(65536.0),
                    t: 2.0
                },
                Scheme::Equal
            ]
        );
        assert_eq!(p.current, 2);
        assert!((p.alpha - 0.5).abs() < 1e-15);
        // The capped column is the K = 2^16 row of `t5_table` (tests/reference/mix_rates.py).
        let capped: Vec<f64> = p.comparison[1].shares.iter().flatten().copied().collect();
        assert!(near(&capped, &[0.46456, 0.46456, 0.07089], 5e-6));
        let p = plan(&rows, Mixing::proportional(), None).unwrap();
        assert_eq!(p.comparison.len(), 2);
        assert_eq!(p.current, 0);
    }

    #[test]
    fn random_mixes_are_distributions() {
        let mut rng = crate::core::sim::rng::SimRng::new(42);
        // Every case is checked (no case is skipped); count the outcomes checked too.
        let (mut cases, mut outcomes) = (0, 0);
        for _ in 0..500 {
            let n = 1 + rng.below(8) as usize;
            let counts: Vec<f64> = (0..n)
                .map(|_| crate::core::math::pow(10.0, rng.below(1500) as f64 / 100.0))
                .map(f64::floor)
                .collect();
            let t = crate::core::math::pow(10.0, rng.below(1200) as f64 / 100.0 - 6.0);
            let k = (rng.below(2) == 0).then(|| 1.0 + rng.below(100_000) as f64);
            let r = mixing_rates(&counts, k, t);
            let sum: f64 = r.iter().sum();
            assert!((sum - 1.0).abs() < 1e-9, "{counts:?} {k:?} {t}");
            assert!(r.iter().all(|x| x.is_finite() && *x >= 0.0));
            // More examples never means a smaller rate (the rule is monotone in n).
            for i in 0..n {
                for j in 0..n {
                    if counts[i] > counts[j] {
                        assert!(r[i] >= r[j]);
                    }
                }
            }
            let text: String = counts
                .iter()
                .enumerate()
                .map(|(i, c)| format!("t{i}:{c}"))
                .collect::<Vec<_>>()
                .join(",");
            let rows = parse_tasks(&text);
            let m = Mixing::new(MixKind::Examples, k, t.min(MAX_TEMPERATURE)).unwrap();
            let p = plan(&rows, m, Some(1e9)).unwrap();
            for o in p.rows.iter().flatten() {
                assert!(o.epochs.unwrap().is_finite() && o.drawn.unwrap().is_finite());
                outcomes += 1;
            }
            cases += 1;
        }
        assert_eq!(cases, 500);
        assert!(outcomes >= 500, "only {outcomes} task outcomes checked");
    }

    #[test]
    fn table_cells_round_trip() {
        let text = "qa:10k, ,sum:-5:300,x:1:2:3,:";
        let cells = task_cells(text);
        // Same rows as parse_tasks: the blank entry is skipped.
        assert_eq!(cells.len(), parse_tasks(text).len());
        assert_eq!(cells[1].seq, "300");
        assert_eq!(cells[2].seq, "2:3");
        assert_eq!(cells[3], TaskCells::default());
        assert_eq!(join_task_cells(&cells), "qa:10k,sum:-5:300,x:1:2:3,:");
        assert_eq!(task_cells(&join_task_cells(&cells)), cells);
        assert_eq!(join_task_cells(&[]), "");
        assert!(has_separator("10,000") && has_separator("a:b") && !has_separator("1万"));
        assert_eq!(separator_error(TaskColumn::Count).error.field, "tasks");
        assert_eq!(fresh_task_name(&cells), "task1");
        let named = task_cells("task1:1,task3:2, task2 :4");
        assert_eq!(fresh_task_name(&named), "task4");
    }

    #[test]
    fn edge_inputs_never_panic() {
        let weird = [
            0.0,
            -1.0,
            1e-320,
            1.0,
            1e300,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
        ];
        for &t in &weird {
            for &k in &weird {
                let r = mixing_rates(&weird, Some(k), t);
                assert!(r.iter().all(|x| x.is_finite()));
                assert!(multilingual_rates(&weird, t).iter().all(|x| x.is_finite()));
                let _ = Mixing::new(MixKind::Examples, Some(k), t);
                let _ = Mixing::from_alpha(t, Some(k));
            }
        }
        assert!(equal_rates(&weird).iter().all(|x| x.is_finite()));
        assert_eq!(mixing_rates(&[], None, 1.0), Vec::<f64>::new());
        for text in [
            "",
            ",",
            ":::",
            "a:",
            ":",
            "a:1:",
            "a:1:x",
            "é:1万,é:2",
            "a:1e400",
            "a:99999999999999999999",
        ] {
            let rows = parse_tasks(text);
            let _ = plan(&rows, Mixing::proportional(), Some(1.0));
        }
        let many: String = (0..1500)
            .map(|i| format!("t{i}:1"))
            .collect::<Vec<_>>()
            .join(",");
        let rows = parse_tasks(&many);
        assert_eq!(rows.len(), 1500);
        assert_eq!(rows[1200].clone().unwrap_err().column, TaskColumn::Row);
        let p = plan(&rows, Mixing::proportional(), Some(1e6)).unwrap();
        assert!(
            p.rows[0]
                .as_ref()
                .unwrap()
                .warnings
                .iter()
                .any(|w| matches!(w, Warning::Starved { .. }))
        );
    }
}
