//! Keyboard moves between the marks of the picture.

use super::layout::{argsort_f64, GroupView, LaneView};

/// The next mark a key moves to from `capture` (ArrowLeft/Right in the lane, Home/End to
/// its ends, ArrowUp/Down to the nearest mark of the lane above or below among `groups`).
pub fn next_mark<'g>(
    groups: impl IntoIterator<Item = &'g GroupView>,
    capture: usize,
    key: &str,
) -> Option<usize> {
    let lanes: Vec<&LaneView> = groups.into_iter().flat_map(|g| g.lanes.iter()).collect();
    let (li, mi) = lanes.iter().enumerate().find_map(|(li, l)| {
        l.marks
            .iter()
            .position(|m| m.capture == capture)
            .map(|mi| (li, mi))
    })?;
    // Along a lane, by position on the track (what the eye follows).
    let xs: Vec<f64> = lanes[li].marks.iter().map(|m| m.x).collect();
    let order = argsort_f64(&xs);
    let at = order.iter().position(|&k| k == mi)?;
    let here = &lanes[li].marks[mi];
    let nearest = |l: &LaneView| {
        l.marks
            .iter()
            .min_by(|a, b| (a.x - here.x).abs().total_cmp(&(b.x - here.x).abs()))
            .map(|m| m.capture)
    };
    match key {
        "ArrowRight" => order.get(at + 1).map(|&k| lanes[li].marks[k].capture),
        "ArrowLeft" => at.checked_sub(1).map(|p| lanes[li].marks[order[p]].capture),
        "Home" => order.first().map(|&k| lanes[li].marks[k].capture),
        "End" => order.last().map(|&k| lanes[li].marks[k].capture),
        "ArrowDown" => lanes[li + 1..].iter().find_map(|l| nearest(l)),
        "ArrowUp" => lanes[..li].iter().rev().find_map(|l| nearest(l)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::many::picture;
    use crate::many::tests::sample;

    #[test]
    fn arrow_keys_walk_lanes() {
        let m = sample();
        let g = picture(&m.timeline);
        let leg = &g[1].lanes[0].marks;
        let (first, second) = (leg[0].capture, leg[1].capture);
        assert_eq!(next_mark(&g, first, "ArrowRight"), Some(second));
        assert_eq!(next_mark(&g, second, "ArrowLeft"), Some(first));
        assert_eq!(next_mark(&g, first, "ArrowLeft"), None);
        assert_eq!(next_mark(&g, second, "Home"), Some(first));
        assert_eq!(next_mark(&g, first, "End"), Some(leg[3].capture));
        // Up: the parent's last lane (its own call status callbacks).
        let up = next_mark(&g, first, "ArrowUp").unwrap();
        assert_eq!(g[0].lanes[1].lifecycle, "call");
        assert!(g[0].lanes[1].marks.iter().any(|m| m.capture == up));
        let down = next_mark(&g, first, "ArrowDown").unwrap();
        assert!(g[2].lanes[0].marks.iter().any(|m| m.capture == down));
        assert_eq!(next_mark(&g, 9999, "ArrowRight"), None);
        assert_eq!(next_mark(&g, first, "x"), None);
    }
}
