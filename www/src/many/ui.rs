//! The timeline view's own controls (select for compare, picks, paging), and what the app
//! keeps while one of the timeline's captures is open in the inspector.

use crate::share::Shared;

use super::{PAGE, PROBLEM_PAGE};

/// The timeline controls' own state (kept in the app state, reset when the input changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ui {
    /// Marks act as checkboxes for "Compare" instead of opening the capture.
    pub selecting: bool,
    /// Captures picked for comparison (at most two, oldest first).
    pub picked: Vec<usize>,
    /// Show only groups with a problem.
    pub problems_only: bool,
    /// Groups drawn.
    pub limit: usize,
    /// Problems listed.
    pub problem_limit: usize,
    /// The mark to give the focus back to (after returning from the inspector).
    pub return_to: Option<usize>,
}

impl Default for Ui {
    fn default() -> Ui {
        Ui {
            selecting: false,
            picked: Vec::new(),
            problems_only: false,
            limit: PAGE,
            problem_limit: PROBLEM_PAGE,
            return_to: None,
        }
    }
}

/// What the timeline's controls can do to [`Ui`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser-only UI
pub enum UiAction {
    /// Switch between "open" and "select for compare".
    ToggleSelecting,
    /// Pick or unpick a capture for comparison.
    Pick(usize),
    /// Show only groups with problems (or all).
    ProblemsOnly(bool),
    /// Draw more groups.
    MoreGroups,
    /// List more problems.
    MoreProblems,
    /// The focus went back to the mark; forget it.
    Returned,
}

impl Ui {
    /// The controls of a timeline opened from a link that picked `picked` (see
    /// [`crate::share::Shared::picked`]): in select mode when there are picks, so they show.
    pub fn picking(picked: Vec<usize>) -> Ui {
        let mut ui = Ui::default();
        for i in picked {
            if !ui.picked.contains(&i) {
                ui.apply(UiAction::Pick(i));
            }
        }
        ui.selecting = !ui.picked.is_empty();
        ui
    }

    /// Applies a control action. Pure.
    pub fn apply(&mut self, a: UiAction) {
        match a {
            UiAction::ToggleSelecting => self.selecting = !self.selecting,
            UiAction::Pick(i) => {
                if let Some(p) = self.picked.iter().position(|&c| c == i) {
                    self.picked.remove(p);
                } else {
                    if self.picked.len() >= 2 {
                        self.picked.remove(0);
                    }
                    self.picked.push(i);
                }
            }
            UiAction::ProblemsOnly(on) => {
                self.problems_only = on;
                self.limit = PAGE;
            }
            UiAction::MoreGroups => self.limit = self.limit.saturating_add(PAGE),
            UiAction::MoreProblems => {
                self.problem_limit = self.problem_limit.saturating_add(PROBLEM_PAGE)
            }
            UiAction::Returned => self.return_to = None,
        }
    }
}

/// A capture of the timeline opened in the inspector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The capture as the inspector's inputs.
    pub shared: Shared,
    /// Its index among the captures.
    pub capture: usize,
    /// How many captures the timeline has.
    pub count: usize,
    /// Where it is in the paste (`line 12`…).
    pub place: String,
}

/// The timeline's inputs, kept while one of its captures is open in the inspector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stash {
    /// The timeline's inputs.
    pub shared: Shared,
    /// The capture that was opened.
    pub capture: usize,
    /// How many captures the timeline has.
    pub count: usize,
    /// Where the capture is in the paste.
    pub place: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picking_keeps_two() {
        let mut ui = Ui::default();
        ui.apply(UiAction::Pick(3));
        ui.apply(UiAction::Pick(5));
        ui.apply(UiAction::Pick(7));
        assert_eq!(ui.picked, [5, 7]);
        ui.apply(UiAction::Pick(5));
        assert_eq!(ui.picked, [7]);
        ui.apply(UiAction::MoreGroups);
        assert_eq!(ui.limit, 2 * PAGE);
        ui.apply(UiAction::ProblemsOnly(true));
        assert_eq!(ui.limit, PAGE);
    }

    #[test]
    fn a_link_picks_at_most_two_and_shows_them() {
        let ui = Ui::picking(vec![11, 13]);
        assert_eq!(ui.picked, [11, 13]);
        assert!(ui.selecting);
        assert_eq!(Ui::picking(vec![1, 1, 2, 3]).picked, [2, 3]);
        assert_eq!(Ui::picking(Vec::new()), Ui::default());
    }
}
