//! The vector kernels of the classifiers' forward and backward passes, in two twins that give
//! bit-identical results: 128-bit SIMD (two f64 lanes, `simd128`) in WebAssembly, plain scalar code
//! elsewhere.
//!
//! **Arithmetic order.** Only [`dot`] re-associates: it keeps two partial sums, one over the even
//! and one over the odd indices (the two lanes of an f64x2 accumulator), adds them, then adds the
//! last product of an odd-length vector. The scalar twin does exactly these IEEE-754 operations in
//! this order, so both give the same bits. Every other kernel is element-wise (each output element
//! is updated by the same sequence of multiplies and adds in both twins); nothing is fused (WASM
//! SIMD has no fused multiply-add and Rust never contracts `a * b + c`).
//!
//! The kernels take whole layers (all rows of a weight matrix) so that one call does a layer's work:
//! a `#[target_feature]` function is not inlined into callers without the feature.

/// Σᵢ aᵢbᵢ over the common length, as two partial sums (even and odd indices) added at the end,
/// then the last product of an odd length.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    imp::dot(a, b)
}

/// `out[r] = dot(w[r·n..(r+1)·n], x) + bias[r]` for every row r of `out`, where n = `x.len()`
/// (rows missing from `w` or `bias` count as zero).
pub fn matvec_bias(w: &[f64], x: &[f64], bias: &[f64], out: &mut [f64]) {
    imp::matvec_bias(w, x, bias, out);
}

/// `y[i] += alpha · x[i]` over the common length.
pub fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
    imp::axpy(alpha, x, y);
}

/// The rank-one update of back-propagation: for every row r of `s`, with n = `x.len()`,
/// `g[r·n + j] += (scale · s[r]) · x[j]`.
pub fn outer_add(scale: f64, s: &[f64], x: &[f64], g: &mut [f64]) {
    imp::outer_add(scale, s, x, g);
}

/// The transposed product of back-propagation: for r = 0, 1, … in turn, with n = `out.len()`,
/// `out[j] += (scale · s[r]) · w[r·n + j]`.
pub fn matvec_t_add(scale: f64, s: &[f64], w: &[f64], out: &mut [f64]) {
    imp::matvec_t_add(scale, s, w, out);
}

/// Replaces every element x by tanh x = e/(e + 2) with e = expm1(2|x|) and the sign of x restored
/// (|x| is first capped at 20, where tanh rounds to 1). expm1 comes from one reduction for every
/// argument: u = 2|x| = k·ln 2 + r, |r| ≤ ½ ln 2 (the two-part ln 2 of fdlibm's `e_exp.c`, so
/// k·ln2_hi is exact), and expm1(u) = 2ᵏ·(r·q(r)) + (2ᵏ − 1) with q(r) = (eʳ − 1)/r the Taylor
/// series to degree 12 (next term below 2·10⁻¹⁷ relative). For k = 0 that is r·q(r) with no
/// cancellation near zero; for k ≥ 1 both terms are positive or the sum is above 0.4. Within a
/// few units in the last place of `crate::core::math::tanh` (tested).
pub fn tanh_in_place(v: &mut [f64]) {
    imp::tanh_in_place(v);
}

/// Replaces every element x by eˣ: x = k·ln 2 + r with |r| ≤ ½ ln 2 (two-part ln 2 as in
/// fdlibm's `e_exp.c`) and eʳ from its Taylor series to degree 13 (next term below 5·10⁻¹⁸
/// relative), times 2ᵏ built from its bits. Below [`EXP_MIN`] it gives 0 (eˣ is then below
/// 3.3·10⁻³⁰⁸, under every sum the cross-entropy adds it to), above [`EXP_MAX`] +∞; NaN stays NaN.
/// Within a few units in the last place of `crate::core::math::exp` (tested).
pub fn exp_in_place(v: &mut [f64]) {
    imp::exp_in_place(v);
}

/// Replaces every element x by ln x, for positive normal x: x = 2ᵉ·m with m in [√½, √2),
/// f = m − 1, s = f/(2 + f), so ln m = 2s + 2s³/3 + 2s⁵/5 + … = f − s·(f − R) with
/// R = 2s²/3 + 2s⁴/5 + … + 2s²²/23 (|s| ≤ 0.172, next term below 10⁻¹⁸ relative; the form of
/// fdlibm's `e_log.c`, where only the small correction s·(f − R) carries rounding error), and
/// ln x = (e·ln2_hi + f) − (s·(f − R) − e·ln2_lo). +∞ gives +∞; zero, negative, subnormal
/// and NaN inputs give NaN. Within a few units in the last place of `crate::core::math::log`
/// over the normal range (tested).
pub fn ln_in_place(v: &mut [f64]) {
    imp::ln_in_place(v);
}

/// ln 2's high part (fdlibm `e_exp.c` `ln2HI`, 0x3fe62e42 fee00000 = 6.93147180369123816490e-01): its last 21 bits are zero, so k·LN2_HI is exact
/// for the k < 64 used here.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
/// ln 2 − [`LN2_HI`] (fdlibm `ln2LO`, 0x3dea39ef 35793c76 = 1.90821492927058770002e-10).
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// 1/ln 2.
const INV_LN2: f64 = std::f64::consts::LOG2_E;
/// 1023 + 2⁵²: added to a small whole k, the low bits of the sum are k + 1023, the biased exponent of 2ᵏ.
const EXP_MAGIC: f64 = 4_503_599_627_371_519.0;
/// |x| beyond which tanh x rounds to ±1.
const TANH_CAP: f64 = 20.0;
/// 1/n! for n = 13, 12, …, 0 (Horner order): eʳ to degree 13; the first 13 give
/// q(r) = (eʳ − 1)/r = 1/1! + r/2! + … + r¹²/13!.
const EXP_COEFFS: [f64; 14] = inverse_factorials::<14>();
/// Below this, [`exp_in_place`] gives 0 (2ᵏ stays a normal number down to here).
pub const EXP_MIN: f64 = -708.0;
/// Above this, [`exp_in_place`] gives +∞ (e⁷⁰⁹ is finite).
pub const EXP_MAX: f64 = 709.0;
/// 2/(2i + 3) for i = 10, 9, …, 0 (Horner order in z = s²): R = z·(2/3 + 2z/5 + … + 2z¹⁰/23).
const LN_COEFFS: [f64; 11] = two_over_odds::<11>();
/// The bits of 2⁵²: or-ed with a biased exponent b < 2⁵², the value is 2⁵² + b exactly.
const TWO_52_BITS: u64 = 0x4330_0000_0000_0000;
/// 2⁵² + 1023: subtracted from 2⁵² + b, it leaves the exponent b − 1023.
const TWO_52_PLUS_BIAS: f64 = 4_503_599_627_371_519.0;
/// The bits of 1.0 (biased exponent 1023, mantissa 0).
const ONE_BITS: u64 = 0x3FF0_0000_0000_0000;
/// The 52 mantissa bits.
const MANTISSA: u64 = (1 << 52) - 1;

/// [2/(2N + 1), …, 2/5, 2/3].
const fn two_over_odds<const N: usize>() -> [f64; N] {
    let mut out = [0.0; N];
    let mut i = 0;
    while i < N {
        out[i] = 2.0 / (2 * (N - 1 - i) + 3) as f64;
        i += 1;
    }
    out
}

/// [1/(N−1)!, …, 1/1!, 1/0!]: each 1/n! is 1/(n·(n−1)·…) with the product exact in f64 (n ≤ 18).
const fn inverse_factorials<const N: usize>() -> [f64; N] {
    let mut out = [0.0; N];
    let mut i = 0;
    while i < N {
        let n = (N - 1 - i) as u64;
        let mut f: u64 = 1;
        let mut k = 2;
        while k <= n {
            f *= k;
            k += 1;
        }
        out[i] = 1.0 / f as f64;
        i += 1;
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::{
        EXP_COEFFS, EXP_MAGIC, EXP_MAX, EXP_MIN, INV_LN2, LN_COEFFS, LN2_HI, LN2_LO, MANTISSA,
        ONE_BITS, TANH_CAP, TWO_52_BITS, TWO_52_PLUS_BIAS,
    };

    /// 1.5·2⁵²: for |y| < 2⁵¹, (y + this) − this is y rounded to the nearest whole number, ties to
    /// even (the same value as WebAssembly's `f64x2.nearest`).
    const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;

    pub fn dot(a: &[f64], b: &[f64]) -> f64 {
        let n = a.len().min(b.len());
        let (a, b) = (&a[..n], &b[..n]);
        let (mut s0, mut s1) = (0.0, 0.0);
        let mut ca = a.chunks_exact(2);
        let mut cb = b.chunks_exact(2);
        for (x, y) in (&mut ca).zip(&mut cb) {
            s0 += x[0] * y[0];
            s1 += x[1] * y[1];
        }
        let mut s = s0 + s1;
        if let (Some(x), Some(y)) = (ca.remainder().first(), cb.remainder().first()) {
            s += x * y;
        }
        s
    }

    pub fn matvec_bias(w: &[f64], x: &[f64], bias: &[f64], out: &mut [f64]) {
        let n = x.len().max(1);
        let mut rows = w.chunks_exact(n);
        for (r, o) in out.iter_mut().enumerate() {
            let row = rows.next().unwrap_or(&[]);
            *o = dot(row, x) + bias.get(r).copied().unwrap_or(0.0);
        }
    }

    pub fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
        for (yi, &xi) in y.iter_mut().zip(x) {
            *yi += alpha * xi;
        }
    }

    pub fn outer_add(scale: f64, s: &[f64], x: &[f64], g: &mut [f64]) {
        for (row, &sr) in g.chunks_exact_mut(x.len().max(1)).zip(s) {
            axpy(scale * sr, x, row);
        }
    }

    pub fn matvec_t_add(scale: f64, s: &[f64], w: &[f64], out: &mut [f64]) {
        for (row, &sr) in w.chunks_exact(out.len().max(1)).zip(s) {
            axpy(scale * sr, row, out);
        }
    }

    /// y rounded to the nearest whole number, ties to even (|y| < 2⁵¹; NaN stays NaN).
    fn nearest(y: f64) -> f64 {
        (y + ROUND_MAGIC) - ROUND_MAGIC
    }

    /// 2ᵏ for a whole k in −1022…1023, from its bits.
    fn two_to(k: f64) -> f64 {
        f64::from_bits((k + EXP_MAGIC).to_bits() << 52)
    }

    /// u = k·ln 2 + r: (k, r).
    fn reduce(u: f64) -> (f64, f64) {
        let k = nearest(u * INV_LN2);
        (k, (u - k * LN2_HI) - k * LN2_LO)
    }

    fn horner(coeffs: &[f64], x: f64) -> f64 {
        let mut p = 0.0;
        for &c in coeffs {
            p = p * x + c;
        }
        p
    }

    /// tanh of one value, with the operations of one SIMD lane.
    fn tanh1(x: f64) -> f64 {
        let z = x.abs();
        let z = if TANH_CAP < z { TANH_CAP } else { z };
        let (k, r) = reduce(z + z);
        let q = horner(&EXP_COEFFS[..13], r);
        let two_k = two_to(k);
        let e = two_k * (r * q) + (two_k - 1.0);
        let t = e / (e + 2.0);
        f64::from_bits(t.to_bits() | (x.to_bits() & SIGN))
    }

    const SIGN: u64 = 1 << 63;

    pub fn tanh_in_place(v: &mut [f64]) {
        for x in v.iter_mut() {
            *x = tanh1(*x);
        }
    }

    /// eˣ of one value, with the operations of one SIMD lane.
    fn exp1(x: f64) -> f64 {
        let c = if x < EXP_MIN { EXP_MIN } else { x };
        let c = if EXP_MAX < c { EXP_MAX } else { c };
        let (k, r) = reduce(c);
        let y = horner(&EXP_COEFFS, r) * two_to(k);
        let y = if x < EXP_MIN { 0.0 } else { y };
        if EXP_MAX < x { f64::INFINITY } else { y }
    }

    pub fn exp_in_place(v: &mut [f64]) {
        for x in v.iter_mut() {
            *x = exp1(*x);
        }
    }

    /// ln x of one value, with the operations of one SIMD lane.
    fn ln1(x: f64) -> f64 {
        let bits = x.to_bits();
        let m = f64::from_bits((bits & MANTISSA) | ONE_BITS);
        let big = std::f64::consts::SQRT_2 < m;
        let m = if big { m * 0.5 } else { m };
        let e = f64::from_bits((bits >> 52) | TWO_52_BITS) - TWO_52_PLUS_BIAS;
        let e = e + if big { 1.0 } else { 0.0 };
        let f = m - 1.0;
        let s = f / (f + 2.0);
        let z = s * s;
        let r = z * horner(&LN_COEFFS, z);
        let y = (e * LN2_HI + f) - (s * (f - r) - e * LN2_LO);
        let special = if x == f64::INFINITY {
            f64::INFINITY
        } else {
            f64::NAN
        };
        if (f64::MIN_POSITIVE..f64::INFINITY).contains(&x) {
            y
        } else {
            special
        }
    }

    pub fn ln_in_place(v: &mut [f64]) {
        for x in v.iter_mut() {
            *x = ln1(*x);
        }
    }
}

/// The `simd128` twin. `#[target_feature]` functions are safe on wasm32 (an engine without SIMD
/// rejects the whole module at load instead of running it wrongly).
#[cfg(target_arch = "wasm32")]
mod imp {
    use super::{
        EXP_COEFFS, EXP_MAGIC, EXP_MAX, EXP_MIN, INV_LN2, LN_COEFFS, LN2_HI, LN2_LO, MANTISSA,
        ONE_BITS, TANH_CAP, TWO_52_BITS, TWO_52_PLUS_BIAS,
    };
    use core::arch::wasm32::{
        f64x2, f64x2_abs, f64x2_add, f64x2_div, f64x2_eq, f64x2_extract_lane, f64x2_le, f64x2_lt,
        f64x2_mul, f64x2_nearest, f64x2_pmax, f64x2_pmin, f64x2_splat, f64x2_sub, i64x2_shl,
        u64x2_shr, u64x2_splat, v128, v128_and, v128_bitselect, v128_or,
    };

    /// 2ᵏ in both lanes, for whole k in −1022…1023, from its bits.
    #[inline]
    #[target_feature(enable = "simd128")]
    fn two_to(k: v128) -> v128 {
        i64x2_shl(f64x2_add(k, f64x2_splat(EXP_MAGIC)), 52)
    }

    /// u = k·ln 2 + r in both lanes: (k, r).
    #[inline]
    #[target_feature(enable = "simd128")]
    fn reduce(u: v128) -> (v128, v128) {
        let k = f64x2_nearest(f64x2_mul(u, f64x2_splat(INV_LN2)));
        let r = f64x2_sub(
            f64x2_sub(u, f64x2_mul(k, f64x2_splat(LN2_HI))),
            f64x2_mul(k, f64x2_splat(LN2_LO)),
        );
        (k, r)
    }

    #[inline]
    #[target_feature(enable = "simd128")]
    fn horner(coeffs: &[f64], x: v128) -> v128 {
        let mut p = f64x2_splat(0.0);
        for &c in coeffs {
            p = f64x2_add(f64x2_mul(p, x), f64x2_splat(c));
        }
        p
    }

    /// tanh of both lanes (see [`super::tanh_in_place`]), the scalar twin's operations.
    #[inline]
    #[target_feature(enable = "simd128")]
    fn tanh2(x: v128) -> v128 {
        let z = f64x2_pmin(f64x2_abs(x), f64x2_splat(TANH_CAP));
        let (k, r) = reduce(f64x2_add(z, z));
        let q = horner(&EXP_COEFFS[..13], r);
        let two_k = two_to(k);
        let e = f64x2_add(
            f64x2_mul(two_k, f64x2_mul(r, q)),
            f64x2_sub(two_k, f64x2_splat(1.0)),
        );
        let t = f64x2_div(e, f64x2_add(e, f64x2_splat(2.0)));
        v128_or(t, v128_and(x, u64x2_splat(1 << 63)))
    }

    /// eˣ of both lanes (see [`super::exp_in_place`]).
    #[inline]
    #[target_feature(enable = "simd128")]
    fn exp2(x: v128) -> v128 {
        let lo = f64x2_splat(EXP_MIN);
        let hi = f64x2_splat(EXP_MAX);
        // pmax(x, lo) = x < lo ? lo : x and pmin(c, hi) = hi < c ? hi : c, as the scalar twin.
        let c = f64x2_pmin(f64x2_pmax(x, lo), hi);
        let (k, r) = reduce(c);
        let y = f64x2_mul(horner(&EXP_COEFFS, r), two_to(k));
        let y = v128_bitselect(f64x2_splat(0.0), y, f64x2_lt(x, lo));
        v128_bitselect(f64x2_splat(f64::INFINITY), y, f64x2_lt(hi, x))
    }

    /// ln x of both lanes (see [`super::ln_in_place`]).
    #[inline]
    #[target_feature(enable = "simd128")]
    fn ln2(x: v128) -> v128 {
        let m = v128_or(v128_and(x, u64x2_splat(MANTISSA)), u64x2_splat(ONE_BITS));
        let big = f64x2_lt(f64x2_splat(std::f64::consts::SQRT_2), m);
        let m = v128_bitselect(f64x2_mul(m, f64x2_splat(0.5)), m, big);
        let e = f64x2_sub(
            v128_or(u64x2_shr(x, 52), u64x2_splat(TWO_52_BITS)),
            f64x2_splat(TWO_52_PLUS_BIAS),
        );
        let e = f64x2_add(e, v128_and(big, f64x2_splat(1.0)));
        let f = f64x2_sub(m, f64x2_splat(1.0));
        let s = f64x2_div(f, f64x2_add(f, f64x2_splat(2.0)));
        let z = f64x2_mul(s, s);
        let r = f64x2_mul(z, horner(&LN_COEFFS, z));
        let y = f64x2_sub(
            f64x2_add(f64x2_mul(e, f64x2_splat(LN2_HI)), f),
            f64x2_sub(
                f64x2_mul(s, f64x2_sub(f, r)),
                f64x2_mul(e, f64x2_splat(LN2_LO)),
            ),
        );
        let inf = f64x2_splat(f64::INFINITY);
        let special = v128_bitselect(inf, f64x2_splat(f64::NAN), f64x2_eq(x, inf));
        let normal = v128_and(
            f64x2_le(f64x2_splat(f64::MIN_POSITIVE), x),
            f64x2_lt(x, inf),
        );
        v128_bitselect(y, special, normal)
    }

    /// Two adjacent values as one vector. From a fixed-size pair the two loads are one
    /// `v128.load` (a slice with a length check between them would compile to two scalar loads,
    /// a splat and a lane replacement).
    #[inline]
    #[target_feature(enable = "simd128")]
    fn load(x: &[f64; 2]) -> v128 {
        f64x2(x[0], x[1])
    }

    /// Both lanes into a fixed-size pair (one `v128.store`).
    #[inline]
    #[target_feature(enable = "simd128")]
    fn store(v: v128, y: &mut [f64; 2]) {
        *y = [f64x2_extract_lane::<0>(v), f64x2_extract_lane::<1>(v)];
    }

    #[target_feature(enable = "simd128")]
    pub fn tanh_in_place(v: &mut [f64]) {
        let (pairs, rest) = v.as_chunks_mut::<2>();
        for c in pairs {
            store(tanh2(load(c)), c);
        }
        for x in rest {
            *x = f64x2_extract_lane::<0>(tanh2(f64x2_splat(*x)));
        }
    }

    #[target_feature(enable = "simd128")]
    pub fn exp_in_place(v: &mut [f64]) {
        let (pairs, rest) = v.as_chunks_mut::<2>();
        for c in pairs {
            store(exp2(load(c)), c);
        }
        for x in rest {
            *x = f64x2_extract_lane::<0>(exp2(f64x2_splat(*x)));
        }
    }

    #[target_feature(enable = "simd128")]
    pub fn ln_in_place(v: &mut [f64]) {
        let (pairs, rest) = v.as_chunks_mut::<2>();
        for c in pairs {
            store(ln2(load(c)), c);
        }
        for x in rest {
            *x = f64x2_extract_lane::<0>(ln2(f64x2_splat(*x)));
        }
    }

    #[inline]
    #[target_feature(enable = "simd128")]
    fn dot_in(a: &[f64], b: &[f64]) -> f64 {
        let n = a.len().min(b.len());
        let (ca, ra) = a[..n].as_chunks::<2>();
        let (cb, rb) = b[..n].as_chunks::<2>();
        let mut acc = f64x2_splat(0.0);
        for (x, y) in ca.iter().zip(cb) {
            acc = f64x2_add(acc, f64x2_mul(load(x), load(y)));
        }
        let mut s = f64x2_extract_lane::<0>(acc) + f64x2_extract_lane::<1>(acc);
        if let (Some(x), Some(y)) = (ra.first(), rb.first()) {
            s += x * y;
        }
        s
    }

    #[inline]
    #[target_feature(enable = "simd128")]
    fn axpy_in(alpha: f64, x: &[f64], y: &mut [f64]) {
        let n = x.len().min(y.len());
        let (cx, rx) = x[..n].as_chunks::<2>();
        let (cy, ry) = y[..n].as_chunks_mut::<2>();
        let a = f64x2_splat(alpha);
        for (xs, ys) in cx.iter().zip(cy.iter_mut()) {
            store(f64x2_add(load(ys), f64x2_mul(a, load(xs))), ys);
        }
        for (yi, &xi) in ry.iter_mut().zip(rx) {
            *yi += alpha * xi;
        }
    }

    #[target_feature(enable = "simd128")]
    pub fn dot(a: &[f64], b: &[f64]) -> f64 {
        dot_in(a, b)
    }

    #[target_feature(enable = "simd128")]
    pub fn matvec_bias(w: &[f64], x: &[f64], bias: &[f64], out: &mut [f64]) {
        let n = x.len().max(1);
        let mut rows = w.chunks_exact(n);
        for (r, o) in out.iter_mut().enumerate() {
            let row = rows.next().unwrap_or(&[]);
            *o = dot_in(row, x) + bias.get(r).copied().unwrap_or(0.0);
        }
    }

    #[target_feature(enable = "simd128")]
    pub fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
        axpy_in(alpha, x, y);
    }

    #[target_feature(enable = "simd128")]
    pub fn outer_add(scale: f64, s: &[f64], x: &[f64], g: &mut [f64]) {
        for (row, &sr) in g.chunks_exact_mut(x.len().max(1)).zip(s) {
            axpy_in(scale * sr, x, row);
        }
    }

    #[target_feature(enable = "simd128")]
    pub fn matvec_t_add(scale: f64, s: &[f64], w: &[f64], out: &mut [f64]) {
        for (row, &sr) in w.chunks_exact(out.len().max(1)).zip(s) {
            axpy_in(scale * sr, row, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two partial sums, by hand: for [1, 2, 3, 4, 5]·[1e16, 1, −1e16, 1, 1] the even lane is
    /// (1e16 − 3e16) + 5 and the odd lane 2 + 4, unlike a left-to-right sum.
    #[test]
    fn dot_keeps_two_partial_sums() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [1e16, 1.0, -1e16, 1.0, 1.0];
        let even: f64 = 1e16 + -3e16;
        let want = (even + 6.0) + 5.0;
        assert_eq!(dot(&a, &b).to_bits(), want.to_bits());
        assert_eq!(dot(&[], &[]), 0.0);
        assert_eq!(dot(&[3.0], &[2.0, 9.0]), 6.0);
    }

    #[test]
    fn layer_kernels_match_their_definitions() {
        let w: Vec<f64> = (0..15).map(|i| (i as f64 * 0.7).sin()).collect();
        let x = [0.5, -1.5, 2.0, 0.25, -0.125];
        let mut out = [0.0; 3];
        matvec_bias(&w, &x, &[1.0, 2.0, 3.0], &mut out);
        for (r, o) in out.iter().enumerate() {
            assert_eq!(*o, dot(&w[r * 5..(r + 1) * 5], &x) + (r + 1) as f64);
        }
        let mut g = vec![1.0; 15];
        outer_add(0.5, &[1.0, -2.0, 4.0], &x, &mut g);
        assert_eq!(g[5 + 2], 1.0 + (0.5 * -2.0) * 2.0);
        let mut acc = vec![0.0; 5];
        matvec_t_add(2.0, &[1.0, 0.5, -1.0], &w, &mut acc);
        let want = ((0.0 + 2.0 * w[1]) + 1.0 * w[6]) + -2.0 * w[11];
        assert_eq!(acc[1], want);
        let mut y = [1.0, 2.0, 3.0];
        axpy(2.0, &[1.0, 1.0, 1.0, 7.0], &mut y);
        assert_eq!(y, [3.0, 4.0, 5.0]);
    }

    /// The tanh kernel against `crate::core::math::tanh` (musl's): within 4 units in the last place over
    /// |x| ≤ 25 (both formulas and the hand-over points), exact at 0, ±1 beyond the cap, NaN kept.
    #[test]
    fn tanh_matches_libm() {
        let mut xs: Vec<f64> = (-25_000..=25_000).map(|i| i as f64 * 1e-3).collect();
        xs.extend([
            0.5,
            0.5 + 1e-16,
            0.5 - 1e-16,
            1e-300,
            -1e-300,
            5e-324,
            1e-8,
            0.3466,
            19.99,
        ]);
        let mut got = xs.clone();
        tanh_in_place(&mut got);
        for (&x, &t) in xs.iter().zip(&got) {
            let want = crate::core::math::tanh(x);
            let ulps = (t.to_bits() as i64 - want.to_bits() as i64).abs();
            assert!(ulps <= 4, "tanh({x:e}) = {t:e}, libm {want:e} ({ulps} ulp)");
        }
        let mut special = [0.0, -0.0, 30.0, -1e300, f64::INFINITY, f64::NAN];
        tanh_in_place(&mut special);
        assert_eq!(special[0].to_bits(), 0.0f64.to_bits());
        assert_eq!(special[1].to_bits(), (-0.0f64).to_bits());
        assert_eq!(&special[2..5], &[1.0, -1.0, 1.0]);
        assert!(special[5].is_nan());
        assert!(((LN2_HI + LN2_LO) - std::f64::consts::LN_2).abs() < 1e-16);
        assert_eq!(LN2_HI.to_bits() & 0x1F_FFFF, 0);
    }

    /// Units in the last place between two finite values of the same sign.
    fn ulps(a: f64, b: f64) -> i64 {
        (a.to_bits() as i64 - b.to_bits() as i64).abs()
    }

    /// The exp kernel against `crate::core::math::exp` (musl's) within 2 units in the last place
    /// from its floor to its ceiling (both hand-over points and the rounding of k), 0 below the
    /// floor, +∞ above the ceiling, NaN kept.
    #[test]
    fn exp_matches_libm() {
        let mut xs: Vec<f64> = (-708_000..=709_000).map(|i| i as f64 * 1e-3).collect();
        xs.extend((-2_000..=2_000).map(|i| i as f64 * 1e-6));
        let h = std::f64::consts::LN_2 / 2.0;
        xs.extend([h, -h, 3.0 * h, 1e-300, -1e-300, 0.0, -0.0, EXP_MIN, EXP_MAX]);
        let mut got = xs.clone();
        exp_in_place(&mut got);
        for (&x, &e) in xs.iter().zip(&got) {
            let want = crate::core::math::exp(x);
            assert!(ulps(e, want) <= 2, "exp({x:e}) = {e:e}, libm {want:e}");
        }
        let mut special = [
            -708.5,
            -1e300,
            f64::NEG_INFINITY,
            709.5,
            f64::INFINITY,
            f64::NAN,
        ];
        exp_in_place(&mut special);
        assert_eq!(
            &special[..5],
            &[0.0, 0.0, 0.0, f64::INFINITY, f64::INFINITY]
        );
        assert!(special[5].is_nan());
    }

    /// The logarithm kernel against `crate::core::math::log` within 2 units in the last place
    /// over the normal range (every binade, both sides of √2, around 1), the special values.
    #[test]
    fn ln_matches_libm() {
        let mut xs: Vec<f64> = (1..=400_000).map(|i| i as f64 * 1e-5).collect();
        xs.extend((-1022..=1023).map(|e| crate::core::math::pow(2.0, e as f64) * 1.2345));
        xs.extend((-1022..=1023).map(|e| crate::core::math::pow(2.0, e as f64)));
        let s2 = std::f64::consts::SQRT_2;
        xs.extend([
            s2,
            f64::from_bits(s2.to_bits() + 1),
            f64::from_bits(s2.to_bits() - 1),
            1.0 + 1e-15,
            1.0 - 1e-16,
            f64::MIN_POSITIVE,
            f64::MAX,
        ]);
        let mut got = xs.clone();
        ln_in_place(&mut got);
        for (&x, &l) in xs.iter().zip(&got) {
            let want = crate::core::math::log(x);
            if want == 0.0 {
                assert_eq!(l, 0.0, "ln 1");
                continue;
            }
            assert!(ulps(l, want) <= 2, "ln({x:e}) = {l:e}, libm {want:e}");
        }
        let mut special = [
            f64::INFINITY,
            0.0,
            -1.0,
            1e-310,
            f64::NAN,
            f64::NEG_INFINITY,
        ];
        ln_in_place(&mut special);
        assert_eq!(special[0], f64::INFINITY);
        assert!(special[1..].iter().all(|x| x.is_nan()), "{special:?}");
        assert_eq!(LN_COEFFS[10], 2.0 / 3.0);
        assert_eq!(LN_COEFFS[0], 2.0 / 23.0);
    }
}
