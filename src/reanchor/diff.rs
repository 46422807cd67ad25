//! Myers' O(ND) diff of two lines, as the runs of chars they share.

/// The equal runs `(a_start, b_start, len)` of a shortest edit script from `a` to `b` (Myers'
/// O(ND) diff), or `None` if it needs more than `max_d` insertions and deletions.
#[allow(clippy::cast_possible_wrap, reason = "lengths are far below isize::MAX")]
#[allow(clippy::many_single_char_names, reason = "the names of Myers' paper")]
pub fn diff_runs(a: &[char], b: &[char], max_d: usize) -> Option<Vec<(usize, usize, usize)>> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a1, b1) = (a.get(pre..).unwrap_or_default(), b.get(pre..).unwrap_or_default());
    let suf = a1.iter().rev().zip(b1.iter().rev()).take_while(|(x, y)| x == y).count();
    let am = a1.get(..a1.len() - suf).unwrap_or_default();
    let bm = b1.get(..b1.len() - suf).unwrap_or_default();
    let mut runs = Vec::new();
    if pre > 0 {
        runs.push((0, 0, pre));
    }
    let (n, m) = (am.len() as isize, bm.len() as isize);
    if n > 0 && m > 0 {
        let limit = ((n + m) as usize).min(max_d) as isize;
        let off = limit + 1;
        let mut v = vec![0isize; (2 * limit + 3) as usize];
        let mut trace: Vec<Vec<isize>> = Vec::new();
        let at = |v: &[isize], k: isize| v.get((k + off) as usize).copied().unwrap_or(0);
        let mut found = None;
        'outer: for d in 0..=limit {
            trace.push(v.clone());
            let mut k = -d;
            while k <= d {
                let mut x = if k == -d || (k != d && at(&v, k - 1) < at(&v, k + 1)) { at(&v, k + 1) } else { at(&v, k - 1) + 1 };
                let mut y = x - k;
                while x < n && y < m && am.get(x as usize) == bm.get(y as usize) {
                    x += 1;
                    y += 1;
                }
                if let Some(slot) = v.get_mut((k + off) as usize) {
                    *slot = x;
                }
                if x >= n && y >= m {
                    found = Some(d);
                    break 'outer;
                }
                k += 2;
            }
        }
        let d_found = found?;
        let (mut x, mut y) = (n, m);
        let mut middle = Vec::new();
        for d in (0..=d_found).rev() {
            let v = trace.get(d as usize)?;
            let k = x - y;
            let prev_k = if k == -d || (k != d && at(v, k - 1) < at(v, k + 1)) { k + 1 } else { k - 1 };
            let prev_x = if d == 0 { 0 } else { at(v, prev_k) };
            let prev_y = if d == 0 { 0 } else { prev_x - prev_k };
            let (sx, sy) = if d == 0 {
                (0, 0)
            } else if prev_k == k + 1 {
                (prev_x, prev_y + 1)
            } else {
                (prev_x + 1, prev_y)
            };
            let len = x - sx;
            if len > 0 {
                middle.push((pre + sx as usize, pre + sy as usize, len as usize));
            }
            x = prev_x;
            y = prev_y;
        }
        middle.reverse();
        runs.extend(middle);
    } else if n + m > max_d as isize {
        return None;
    }
    if suf > 0 {
        runs.push((a.len() - suf, b.len() - suf, suf));
    }
    Some(runs)
}
