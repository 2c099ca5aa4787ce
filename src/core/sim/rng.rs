//! Seeded randomness for the simulator: one well-known generator, portable transforms.
//!
//! The generator is xoshiro256++ (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
//! generators"), seeded by SplitMix64 expansion exactly as `rand_xoshiro`'s
//! `Xoshiro256PlusPlus::seed_from_u64` (a test checks the streams agree), so a seed means the same
//! stream on every platform. It uses only 64-bit shifts, rotations and additions, which WASM runs natively (a 128-bit-multiply generator such as
//! PCG64 measured ≈ 1.6× slower there).
//! Everything built on it here uses only integer arithmetic, `+ − × ÷`, `sqrt` (correctly rounded
//! by IEEE 754) and `crate::core::math::log`, so draws are bit-identical natively and in WASM:
//!
//! * uniform: the top 53 bits of a `u64`, times 2⁻⁵³ → [0, 1);
//! * bounded integers: Lemire's multiply-and-reject (Lemire 2019, "Fast random integer generation
//!   in an interval", ACM TOMACS 29(1), Algorithm 5), exact and unbiased;
//! * standard normals: the ziggurat method with 128 layers (Marsaglia & Tsang 2000, "The Ziggurat
//!   Method for Generating Random Variables", J. Stat. Softw. 5(8)), in Doornik's double-precision
//!   form (Doornik 2005, "An Improved Ziggurat Method to Generate Normal Random Samples", ZIGNOR):
//!   about 98.8% of draws cost one `u64` and one multiply; the rest use `crate::core::math::exp`/`crate::core::math::log`.
//!   The layer table is computed once with `libm`, so it is the same on every platform;
//! * shuffles: Fisher–Yates (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P) with the bounded integers above.

use std::sync::OnceLock;

/// Layers of the ziggurat.
const ZIG_LAYERS: usize = 128;
/// The start of the tail, R (Marsaglia & Tsang 2000, Table 1, n = 128).
const ZIG_R: f64 = 3.442619855899;
/// The area of each layer, V (same table).
const ZIG_V: f64 = 9.91256303526217e-3;
/// 2⁻⁵³: a 53-bit integer times this is uniform in [0, 1).
const TWO_POW_M53: f64 = 1.0 / 9_007_199_254_740_992.0;
/// 2⁻⁵²: a 53-bit integer times this is uniform in [0, 2).
const TWO_POW_M52: f64 = 1.0 / 4_503_599_627_370_496.0;

/// Layer edges xᵢ (x₀ = V/f(R) for the base strip, x₁ = R, x₁₂₈ = 0) and, for the fast path, the
/// pairs (xᵢ₊₁/xᵢ, xᵢ) side by side (one load site per draw).
struct Ziggurat {
    x: [f64; ZIG_LAYERS + 1],
    fast: [[f64; 2]; ZIG_LAYERS],
}

fn ziggurat() -> &'static Ziggurat {
    static TABLE: OnceLock<Ziggurat> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut x = [0.0; ZIG_LAYERS + 1];
        let mut f = crate::core::math::exp(-0.5 * ZIG_R * ZIG_R);
        x[0] = ZIG_V / f;
        x[1] = ZIG_R;
        for i in 2..ZIG_LAYERS {
            x[i] = (-2.0 * crate::core::math::log(ZIG_V / x[i - 1] + f)).sqrt();
            f = crate::core::math::exp(-0.5 * x[i] * x[i]);
        }
        let mut fast = [[0.0; 2]; ZIG_LAYERS];
        for i in 0..ZIG_LAYERS {
            fast[i] = [x[i + 1] / x[i], x[i]];
        }
        Ziggurat { x, fast }
    })
}

/// xoshiro256++ (Blackman & Vigna 2018; reference code `xoshiro256plusplus.c`), seeded like
/// `rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64` (four SplitMix64 outputs, Steele, Lea & Flood
/// 2014), so its stream equals that crate's bit for bit (tested). A plain `Copy` value, so a hot
/// loop can keep the whole state in registers (WASM locals) instead of memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Xoshiro256pp {
    s: [u64; 4],
}

impl Xoshiro256pp {
    fn seed_from_u64(seed: u64) -> Self {
        let mut x = seed;
        let mut s = [0u64; 4];
        for v in &mut s {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            *v = z ^ (z >> 31);
        }
        // Four consecutive SplitMix64 outputs are never all zero (it is a bijection of a counter).
        Xoshiro256pp { s }
    }

    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1) from the top 53 bits (below 2⁵³, so the signed conversion is exact and
    /// equals the unsigned one; it is one instruction on x86-64 and in WASM engines).
    #[inline(always)]
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as i64) as f64 * TWO_POW_M53
    }
}

/// One standard normal draw: the ziggurat's fast path inline, the rest in [`normal_slow`].
#[inline(always)]
fn normal_with(g: &mut Xoshiro256pp, zig: &Ziggurat) -> f64 {
    let bits = g.next_u64();
    // Top 53 bits → u ∈ [−1, 1) (2·(k·2⁻⁵³) = k·2⁻⁵², exactly); the low 7 bits (disjoint) pick the layer.
    let u = ((bits >> 11) as i64) as f64 * TWO_POW_M52 - 1.0;
    let i = (bits & 0x7F) as usize;
    let [ratio, xi] = zig.fast[i];
    if u.abs() < ratio {
        return u * xi;
    }
    let (z, next) = normal_slow(*g, zig, u, i);
    *g = next;
    z
}

/// The ziggurat's rare paths (≈ 1.2% of draws): the tail (i = 0) and the wedges, drawing again
/// on rejection. The state goes in and out by value so the caller's copy never needs an address.
#[cold]
#[inline(never)]
fn normal_slow(
    mut g: Xoshiro256pp,
    zig: &Ziggurat,
    mut u: f64,
    mut i: usize,
) -> (f64, Xoshiro256pp) {
    loop {
        if i == 0 {
            // The tail beyond R (Marsaglia 1964): x = −ln(U₁)/R, accept if −2 ln U₂ ≥ x².
            loop {
                let x = -crate::core::math::log(1.0 - g.uniform()) / ZIG_R;
                let y = -crate::core::math::log(1.0 - g.uniform());
                if 2.0 * y >= x * x {
                    return (if u < 0.0 { -(ZIG_R + x) } else { ZIG_R + x }, g);
                }
            }
        }
        let (xi, xi1) = (zig.x[i], zig.x[i + 1]);
        let x = u * xi;
        let f0 = crate::core::math::exp(-0.5 * (xi * xi - x * x));
        let f1 = crate::core::math::exp(-0.5 * (xi1 * xi1 - x * x));
        if f1 + g.uniform() * (f0 - f1) < 1.0 {
            return (x, g);
        }
        // Rejected: a fresh draw, fast path first.
        let bits = g.next_u64();
        u = ((bits >> 11) as i64) as f64 * TWO_POW_M52 - 1.0;
        i = (bits & 0x7F) as usize;
        let [ratio, xi] = zig.fast[i];
        if u.abs() < ratio {
            return (u * xi, g);
        }
    }
}

/// The simulator's random stream: a seeded xoshiro256++ generator.
#[derive(Debug, Clone)]
pub struct SimRng {
    inner: Xoshiro256pp,
}

impl SimRng {
    /// A stream determined by `seed` alone (SplitMix64 seeding, portable by design).
    pub fn new(seed: u64) -> Self {
        SimRng {
            inner: Xoshiro256pp::seed_from_u64(seed),
        }
    }

    /// A stream derived from `seed` and a `stream` index (for example the run index of a sweep),
    /// mixed with SplitMix64's finaliser (Steele, Lea & Flood 2014) so nearby pairs give unrelated seeds.
    pub fn derived(seed: u64, stream: u64) -> Self {
        let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Self::new(z ^ (z >> 31))
    }

    /// The next raw 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniform value in [0, 1) with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        self.inner.uniform()
    }

    /// A uniform integer in `0..n` (Lemire 2019, Algorithm 5); `n = 0` gives 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        let mut low = m as u64;
        if low < n {
            let threshold = n.wrapping_neg() % n;
            while low < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
                low = m as u64;
            }
        }
        (m >> 64) as u64
    }

    /// A standard normal draw (the ziggurat, ZIGNOR form; see the module docs).
    pub fn normal(&mut self) -> f64 {
        normal_with(&mut self.inner, ziggurat())
    }

    /// Fills `out` with standard normal draws: exactly the values of `out.len()` calls of
    /// [`SimRng::normal`], in order, but with the generator state kept in locals for the loop.
    pub fn fill_normals(&mut self, out: &mut [f64]) {
        let zig = ziggurat();
        let mut g = self.inner;
        for z in out {
            *z = normal_with(&mut g, zig);
        }
        self.inner = g;
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// An index drawn from the categorical distribution with probabilities `p` (assumed to sum
    /// to 1; rounding leftovers fall on the last category).
    pub fn categorical(&mut self, p: &[f64]) -> usize {
        let u = self.uniform();
        let mut acc = 0.0;
        for (k, &pk) in p.iter().enumerate() {
            acc += pk;
            if u < acc {
                return k;
            }
        }
        p.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_different_seeds_differ() {
        let (mut a, mut b, mut c) = (SimRng::new(7), SimRng::new(7), SimRng::new(8));
        let xa: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
    }

    #[test]
    fn normals_have_unit_moments() {
        let mut r = SimRng::new(1);
        let n = 200_000;
        let (mut m1, mut m2, mut m4) = (0.0, 0.0, 0.0);
        for _ in 0..n {
            let z = r.normal();
            m1 += z;
            m2 += z * z;
            m4 += z * z * z * z;
        }
        let nf = n as f64;
        // Standard normal: mean 0, variance 1, fourth moment 3; tolerances ≈ 5 standard errors.
        assert!((m1 / nf).abs() < 0.012);
        assert!((m2 / nf - 1.0).abs() < 0.016);
        assert!((m4 / nf - 3.0).abs() < 0.1);
    }

    #[test]
    fn normal_tails_and_layers_match_the_gaussian() {
        // P(|Z| > 1) = 0.317311, P(|Z| > 2) = 0.0455003, P(|Z| > 3.442619855899 = R) = 5.7601e-4.
        let mut r = SimRng::new(2);
        let n = 1_000_000;
        let (mut c1, mut c2, mut c_r) = (0u32, 0u32, 0u32);
        for _ in 0..n {
            let z = r.normal().abs();
            c1 += u32::from(z > 1.0);
            c2 += u32::from(z > 2.0);
            c_r += u32::from(z > ZIG_R);
        }
        let nf = f64::from(n);
        assert!((f64::from(c1) / nf - 0.317311).abs() < 0.0025);
        assert!((f64::from(c2) / nf - 0.0455003).abs() < 0.001);
        assert!((f64::from(c_r) / nf - 5.7601e-4).abs() < 1.2e-4);
        // The table closes at the top: x₁₂₇ is small and positive, x₁₂₈ = 0.
        let z = ziggurat();
        assert!(z.x[127] > 0.0 && z.x[127] < 0.3 && z.x[128] == 0.0);
    }

    /// The stream is `rand_xoshiro` 0.7's `Xoshiro256PlusPlus::seed_from_u64` (the generator this
    /// module used before it carried its own copy), and `fill_normals` equals repeated `normal`.
    #[test]
    fn stream_matches_rand_xoshiro_and_fill_matches_single_draws() {
        use rand_core::{RngCore, SeedableRng};
        for seed in [0, 1, 2024, u64::MAX] {
            let mut theirs = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
            let mut ours = SimRng::new(seed);
            for _ in 0..1_000 {
                assert_eq!(ours.next_u64(), theirs.next_u64(), "seed {seed}");
            }
        }
        let (mut a, mut b) = (SimRng::new(9), SimRng::new(9));
        let mut filled = vec![0.0; 100_000];
        a.fill_normals(&mut filled);
        for (k, z) in filled.iter().enumerate() {
            assert_eq!(z.to_bits(), b.normal().to_bits(), "draw {k}");
        }
        assert_eq!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn bounded_integers_and_shuffle_are_uniform_permutations() {
        let mut r = SimRng::new(3);
        let mut counts = [0u32; 5];
        for _ in 0..50_000 {
            counts[r.below(5) as usize] += 1;
        }
        for c in counts {
            assert!((9_500..10_500).contains(&c), "{counts:?}");
        }
        let mut v: Vec<usize> = (0..100).collect();
        r.shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        assert_ne!(v, sorted);
        assert_eq!(r.below(0), 0);
        assert_eq!(r.below(1), 0);
    }
}
