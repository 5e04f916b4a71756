//! Comparing two codes of one family: the facts side by side and guidance
//! written from them. Pages and the API both render this. One side may also be
//! a bare private-use number, whose facts come from RFC 6455 alone.

use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{AnyOfBuilder, Object, Ref, Schema, Type};

use super::files::{ReconnectAdvice, Sender, SourceSays};
use super::model::Code;
use super::rfc6455::{self, CodeRange};
use super::ui::UiStrings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    Range,
    Sender,
    OnTheWire,
    BrowserCanSend,
    Reconnect,
    /// What the family's source says about reconnecting (`null`: silent).
    SourceSays,
}

/// A fact's value for one code; serialized as the plain JSON value
/// (`"1000-2999"`, `"server"`, `true`, `"after-fix"`, `"no"`, `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FactValue {
    Range(CodeRange),
    Sender(Sender),
    Flag(bool),
    Advice(ReconnectAdvice),
    SourceSays(Option<SourceSays>),
}

/// Described as `anyOf`: the advice and the source's word share `"yes"` and
/// `"no"`, so a derived `oneOf` would reject both.
impl utoipa::PartialSchema for FactValue {
    fn schema() -> RefOr<Schema> {
        let reference = |name: &str| RefOr::Ref(Ref::from_schema_name(name));
        AnyOfBuilder::new()
            .description(Some(
                "The fact's value: a range, a sender, a flag, our reconnect advice, or what \
                 the source says (null where it is silent).",
            ))
            .item(reference("CodeRange"))
            .item(reference("Sender"))
            .item(Object::with_type(Type::Boolean))
            .item(reference("ReconnectAdvice"))
            .item(reference("SourceSays"))
            .item(Object::with_type(Type::Null))
            .into()
    }
}

impl ToSchema for FactValue {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        fn add<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
            schemas.push((T::name().into_owned(), T::schema()));
            T::schemas(schemas);
        }
        add::<CodeRange>(schemas);
        add::<Sender>(schemas);
        add::<ReconnectAdvice>(schemas);
        add::<SourceSays>(schemas);
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Difference {
    pub fact: Fact,
    pub a: FactValue,
    pub b: FactValue,
    /// True where the two codes differ in this fact.
    pub differs: bool,
}

/// What a comparison knows about one side: a code's facts, or those RFC 6455
/// gives any number of a range.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub number: u16,
    pub range: CodeRange,
    pub sender: Sender,
    pub on_the_wire: bool,
    pub browser_can_send: bool,
    pub advice: ReconnectAdvice,
    pub source_says: Option<SourceSays>,
}

impl Facts {
    pub fn of(code: &Code) -> Facts {
        Facts {
            number: code.code,
            range: code.range,
            sender: code.sender,
            on_the_wire: code.on_the_wire,
            browser_can_send: code.browser_can_send,
            advice: code.reconnect.advice,
            source_says: code.reconnect.source_says,
        }
    }

    /// A number in the private-use range that no standard defines: either
    /// endpoint may send it, and only the sender knows whether a reconnect helps.
    pub fn private_use(number: u16) -> Facts {
        debug_assert_eq!(CodeRange::of(number), CodeRange::Private);
        Facts {
            number,
            range: CodeRange::Private,
            sender: Sender::Either,
            on_the_wire: rfc6455::may_appear_in_close_frame(number),
            browser_can_send: rfc6455::browser_can_send(number),
            advice: ReconnectAdvice::Depends,
            source_says: None,
        }
    }
}

impl Fact {
    pub const ALL: [Fact; 6] = [
        Fact::Range,
        Fact::Sender,
        Fact::OnTheWire,
        Fact::BrowserCanSend,
        Fact::Reconnect,
        Fact::SourceSays,
    ];

    pub fn of(self, facts: &Facts) -> FactValue {
        match self {
            Fact::Range => FactValue::Range(facts.range),
            Fact::Sender => FactValue::Sender(facts.sender),
            Fact::OnTheWire => FactValue::Flag(facts.on_the_wire),
            Fact::BrowserCanSend => FactValue::Flag(facts.browser_can_send),
            Fact::Reconnect => FactValue::Advice(facts.advice),
            Fact::SourceSays => FactValue::SourceSays(facts.source_says),
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
            Fact::SourceSays => &labels.source_says,
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
            FactValue::SourceSays(says) => ui.source_says(&says),
        }
    }
}

pub fn differences(a: &Facts, b: &Facts) -> Vec<Difference> {
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

/// "When to use which", written from the facts of the two sides.
pub fn guidance(a: &Facts, b: &Facts, ui: &UiStrings) -> Vec<String> {
    let templates = &ui.guidance;
    let fill = |template: &str, first: &Facts, second: &Facts| {
        template
            .replace("{a}", &first.number.to_string())
            .replace("{b}", &second.number.to_string())
            .replace("{advice_a}", ui.advice(&first.advice))
            .replace("{advice_b}", ui.advice(&second.advice))
    };
    // Put the side that has the property first, so templates can say "{a} can, {b} cannot".
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

    let reconnect = if a.advice == b.advice {
        &templates.reconnect_same
    } else {
        &templates.reconnect_differs
    };
    sentences.push(fill(reconnect, a, b));
    sentences
}
