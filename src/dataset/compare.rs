//! Comparing two codes of one family: the facts side by side and guidance
//! written from them. Pages and the API both render this.

use serde::Serialize;
use utoipa::ToSchema;

use super::files::{ReconnectAdvice, Sender};
use super::model::Code;
use super::rfc6455::CodeRange;
use super::ui::UiStrings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    Range,
    Sender,
    OnTheWire,
    BrowserCanSend,
    Reconnect,
}

/// A fact's value for one code; serialized as the plain JSON value
/// (`"1000-2999"`, `"server"`, `true`, `"after-fix"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum FactValue {
    Range(CodeRange),
    Sender(Sender),
    Flag(bool),
    Advice(ReconnectAdvice),
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Difference {
    pub fact: Fact,
    pub a: FactValue,
    pub b: FactValue,
    /// True where the two codes differ in this fact.
    pub differs: bool,
}

impl Fact {
    pub const ALL: [Fact; 5] = [
        Fact::Range,
        Fact::Sender,
        Fact::OnTheWire,
        Fact::BrowserCanSend,
        Fact::Reconnect,
    ];

    pub fn of(self, code: &Code) -> FactValue {
        match self {
            Fact::Range => FactValue::Range(code.range),
            Fact::Sender => FactValue::Sender(code.sender),
            Fact::OnTheWire => FactValue::Flag(code.on_the_wire),
            Fact::BrowserCanSend => FactValue::Flag(code.browser_can_send),
            Fact::Reconnect => FactValue::Advice(code.reconnect.advice),
        }
    }

    pub fn label(self, ui: &UiStrings) -> &str {
        let labels = &ui.facts;
        match self {
            Fact::Range => &labels.range,
            Fact::Sender => &labels.sender,
            Fact::OnTheWire => &labels.on_the_wire,
            Fact::BrowserCanSend => &labels.browser_can_send,
            Fact::Reconnect => &labels.reconnect,
        }
    }
}

impl FactValue {
    pub fn label<'a>(&self, ui: &'a UiStrings) -> &'a str {
        match *self {
            FactValue::Range(range) => range.id(),
            FactValue::Sender(sender) => ui.sender(&sender),
            FactValue::Flag(flag) => ui.yes_no(&flag),
            FactValue::Advice(advice) => ui.advice(&advice),
        }
    }
}

pub fn differences(a: &Code, b: &Code) -> Vec<Difference> {
    Fact::ALL
        .into_iter()
        .map(|fact| {
            let (value_a, value_b) = (fact.of(a), fact.of(b));
            Difference {
                fact,
                a: value_a,
                b: value_b,
                differs: value_a != value_b,
            }
        })
        .collect()
}

/// "When to use which", written from the facts of the two codes.
pub fn guidance(a: &Code, b: &Code, ui: &UiStrings) -> Vec<String> {
    let templates = &ui.guidance;
    let fill = |template: &str, first: &Code, second: &Code| {
        template
            .replace("{a}", &first.code.to_string())
            .replace("{b}", &second.code.to_string())
            .replace("{advice_a}", ui.advice(&first.reconnect.advice))
            .replace("{advice_b}", ui.advice(&second.reconnect.advice))
    };
    // Put the code that has the property first, so templates can say "{a} can, {b} cannot".
    let ordered = |a_has_it: bool| if a_has_it { (a, b) } else { (b, a) };
    let mut sentences = Vec::new();

    match (a.on_the_wire, b.on_the_wire) {
        (false, false) => sentences.push(fill(&templates.neither_on_the_wire, a, b)),
        (true, true) => {
            let sentence = match (a.browser_can_send, b.browser_can_send) {
                (true, true) => fill(&templates.browser_both, a, b),
                (false, false) => fill(&templates.browser_neither, a, b),
                (a_can, _) => {
                    let (sendable, other) = ordered(a_can);
                    fill(&templates.browser_one, sendable, other)
                }
            };
            sentences.push(sentence);
        }
        (a_on_wire, _) => {
            let (sendable, local) = ordered(a_on_wire);
            sentences.push(fill(&templates.one_on_the_wire, sendable, local));
        }
    }

    let reconnect = if a.reconnect.advice == b.reconnect.advice {
        &templates.reconnect_same
    } else {
        &templates.reconnect_differs
    };
    sentences.push(fill(reconnect, a, b));
    sentences
}
