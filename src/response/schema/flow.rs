//! The order a document runs in: verbs that never run after `<Hangup>`, `<Reject>` or
//! `<Redirect>`, a `<Gather>` that prompts nothing, a `<Redirect>` back to the same URL, a
//! `<Record>` waiting for a transcription it never asked for.

use super::values::{classify_url, resolve, UrlShape};
use super::{Checker, Role};
use crate::finding::{Code, Finding};
use crate::response::xml::Node;
use crate::response::DocumentType;

impl Checker<'_> {
    /// Order of execution: verbs after Hangup/Reject/Redirect, a Gather that prompts nothing.
    pub(super) fn flow(&self, root: &Node, findings: &mut Vec<Finding>) {
        let mut stopper: Option<&str> = None;
        // The verb before the current one: a <Say> or <Play> right before an empty <Gather>
        // is its prompt (Twilio's Simple Menu Twimlet apologises, then listens).
        let mut previous: Option<&str> = None;
        let mut gathered = false;
        for &c in &root.children {
            let Some(node) = self.tree.nodes.get(c) else {
                continue;
            };
            if let Some(s) = stopper {
                findings.push(
                    self.at(
                        Finding::new(
                            Code::TwimlUnreachableVerb,
                            format!("<{}> comes after <{s}> and never runs.", node.name),
                        )
                        .hint(format!("Move it before <{s}>, or remove it.")),
                        node.offset,
                    ),
                );
                break;
            }
            if matches!(node.name.as_str(), "Hangup" | "Reject" | "Redirect") {
                stopper = Some(node.name.as_str());
            }
            // A <Gather> earlier in the document waits for the caller each round, so a
            // <Redirect> back to the same URL after it is a re-prompt, not a runaway loop.
            if node.name == "Redirect" && !gathered {
                self.redirect_loop(node, findings);
            }
            if node.name == "Gather" {
                gathered = true;
            }
            if node.name == "Record" {
                self.transcribe_callback_alone(node, findings);
            }
            if node.name == "Gather" {
                let prompts = node
                    .children
                    .iter()
                    .filter_map(|&i| self.tree.nodes.get(i))
                    .any(|n| matches!(n.name.as_str(), "Say" | "Play"));
                let prompted = matches!(previous, Some("Say" | "Play"));
                if !prompts && !prompted && node.attr("action").is_none() {
                    findings.push(self.at(
                        Finding::new(Code::TwimlGatherNoPrompt, "<Gather> has no <Say> or <Play> and no action: the caller hears silence, and the input is posted back to this same URL.")
                            .hint("Add a <Say> inside <Gather> and an action URL for the digits."),
                        node.offset,
                    ));
                }
            }
            previous = Some(node.name.as_str());
        }
    }

    /// `<Record transcribeCallback>` without `transcribe="true"`: Twilio's TwiML changelog
    /// of 2024-08-05 says the callback alone no longer turns transcription on (before, it
    /// implied `transcribe="true"`), so apps written for the old behaviour wait for a
    /// transcription that is never made.
    fn transcribe_callback_alone(&self, node: &Node, findings: &mut Vec<Finding>) {
        let transcribe = node.attr("transcribe").map(|a| a.value.trim());
        if node.attr("transcribeCallback").is_some()
            && !transcribe.is_some_and(|t| t.eq_ignore_ascii_case("true"))
        {
            findings.push(self.at(
                Finding::new(
                    Code::TwimlTranscribeCallbackAlone,
                    "<Record> has a transcribeCallback but transcribe is not \"true\": no transcription is made, so that callback never comes.",
                )
                .hint("Add transcribe=\"true\" to the <Record>."),
                node.offset,
            ));
        }
    }

    /// A `<Redirect>` whose URL is the request's own URL (fragment ignored): the same
    /// document again. Messaging stops such a session after 50 documents (14106); a call
    /// loops until the caller hangs up. Not called when a `<Gather>` runs before the
    /// `<Redirect>`: a `<Gather>` falls through to the next verb only when no input came
    /// before its timeout (<https://www.twilio.com/docs/api/twiml/gather>), so the
    /// `<Redirect>` replays the prompt and the round ends as soon as the caller answers
    /// (input goes to the `<Gather>` action, not to the `<Redirect>`).
    fn redirect_loop(&self, node: &Node, findings: &mut Vec<Finding>) {
        let (Some(base), text) = (self.base_url, node.text.trim()) else {
            return;
        };
        let strip = |u: &str| u.split('#').next().unwrap_or(u).trim().to_string();
        // An empty <Redirect/> is the empty relative reference: the same URL.
        let target = match classify_url(text, false) {
            _ if text.is_empty() => Some(base.to_string()),
            UrlShape::Absolute => Some(text.to_string()),
            UrlShape::Relative => resolve(base, text),
            UrlShape::Invalid(_) => None,
        };
        if target.is_some_and(|t| strip(&t) == strip(base)) {
            let mut f = Finding::new(
                Code::TwimlRedirectLoop,
                format!("<Redirect> sends Twilio back to {} (this same URL): the same document runs again, in a loop.", strip(base)),
            )
            .hint("Redirect to the next step, or add a query parameter that changes what the URL returns.");
            if self.document == DocumentType::Messaging || self.role == Role::Messaging {
                f = f.twilio(14106);
            }
            findings.push(self.at(f, node.offset));
        }
    }
}
