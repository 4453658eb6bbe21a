//! The random numbers of the corpus and the fuzz run: one generator, so that a seed means
//! the same thing in both.

/// SplitMix64: a tiny, fast, well-mixed, seedable generator; enough for synthetic text and
/// fuzz inputs, and the same sequence on every platform and Rust release.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    /// `n` different items (fewer when there are not as many), in random order.
    pub fn pick_distinct<'a, T: ?Sized>(&mut self, n: usize, items: &[&'a T]) -> Vec<&'a T> {
        let mut pool: Vec<&'a T> = items.to_vec();
        let n = n.min(pool.len());
        for i in 0..n {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(n);
        pool
    }

    /// Two different items.
    pub fn two<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> (&'a T, &'a T) {
        let v = self.pick_distinct(2, items);
        (v[0], v[v.len() - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The corpus and every recorded fuzz seed depend on this exact sequence.
    #[test]
    fn sequence_is_fixed() {
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        let mut rng = Rng::new(7);
        let picks: Vec<usize> = (0..8).map(|_| rng.below(10)).collect();
        assert!(picks.iter().all(|&p| p < 10));
        assert_eq!(Rng::new(1).below(0), 0);
        let mut rng = Rng::new(3);
        let v = rng.pick_distinct(3, &["a", "b", "c", "d"]);
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|x| ["a", "b", "c", "d"].contains(x)));
    }
}
