//! The user-interface strings of one language (`data/ui/{lang}.json`). A typed
//! struct, so a missing key fails loading with its name and templates are checked
//! at compile time.

use serde::Deserialize;

use super::explain::{EvidenceKind, PlatformHint, PlatformLimit};
use super::files::{PlatformKind, ReconnectAdvice, Sender, SourceSays};
use super::rfc6455::Unexplained;
use super::search::MatchKind;
use crate::http::problem::ProblemType;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiStrings {
    /// The language's own name for itself, e.g. "English".
    pub language_name: String,
    pub site_name: String,
    pub skip_link: String,
    pub tagline: String,
    pub home_intro: String,
    pub families_heading: String,
    pub standard_codes_heading: String,
    pub ranges_heading: String,
    pub api_heading: String,
    pub api_intro: String,
    pub home_link: String,
    pub breadcrumb_label: String,
    pub columns: Columns,
    pub headings: Headings,
    pub facts: FactLabels,
    pub values: ValueLabels,
    pub guidance: Guidance,
    pub private_use: PrivateUseLabels,
    pub lookup: LookupLabels,
    pub code_page_title: String,
    pub comparison_title: String,
    /// The question a comparison answers, for search engines; `{a}`, `{b}`.
    pub faq_question: String,
    pub family_codes_count: String,
    pub source_label: String,
    pub source_version_label: String,
    pub api_json_label: String,
    pub markdown_label: String,
    pub copy_button: String,
    pub copied_label: String,
    pub not_found_title: String,
    pub not_found_text: String,
    /// Above the codes with the number found in a missing page's address.
    pub not_found_suggestions: String,
    pub footer_text: String,
    pub dataset_version_label: String,
    pub language_switcher_label: String,
    pub embed_link_label: String,
    pub anchor_label: String,
    pub short_url_label: String,
    pub api_docs_label: String,
    pub official_name_label: String,
    pub search: SearchLabels,
    pub lab: LabLabels,
    pub problems: ProblemLabels,
    pub try_it: TryItLabels,
    pub embed: EmbedLabels,
    pub theme: ThemeLabels,
    pub explain: ExplainLabels,
    pub platforms: PlatformLabels,
}

/// The platforms page, and its link from the code pages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformLabels {
    pub title: String,
    pub intro: String,
    /// The link from the code pages of the codes a platform's client sees.
    pub code_page_link: String,
    /// On the explain page, when the text gives a duration a platform closes at.
    pub explain_heading: String,
    pub explain_intro: String,
    pub idle_timeout: String,
    pub max_connection: String,
    pub setting: String,
    pub client_sees: String,
    pub kind: String,
    /// `{seconds}` seconds, as a figure.
    pub seconds: String,
    pub not_documented: String,
    pub kinds: PlatformKindLabels,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformKindLabels {
    pub proxy: String,
    #[serde(rename = "load-balancer")]
    pub load_balancer: String,
    pub gateway: String,
    pub cdn: String,
    pub platform: String,
}

impl PlatformLabels {
    pub fn kind(&self, kind: &PlatformKind) -> &str {
        let labels = &self.kinds;
        match kind {
            PlatformKind::Proxy => &labels.proxy,
            PlatformKind::LoadBalancer => &labels.load_balancer,
            PlatformKind::Gateway => &labels.gateway,
            PlatformKind::Cdn => &labels.cdn,
            PlatformKind::Platform => &labels.platform,
        }
    }

    /// The limit a pasted duration matched: "Idle timeout (default): 60 s".
    pub fn hint(&self, hint: &PlatformHint) -> String {
        let limit = match hint.limit {
            PlatformLimit::IdleTimeout => &self.idle_timeout,
            PlatformLimit::MaxConnection => &self.max_connection,
        };
        format!("{limit}: {}", self.figure(&Some(hint.seconds)))
    }

    /// A figure for the table: the duration, or a dash where the
    /// documentation gives none (the platform's section says why).
    pub fn figure(&self, seconds: &Option<u32>) -> String {
        match seconds {
            Some(seconds) => self.seconds.replace("{seconds}", &seconds.to_string()),
            None => "—".to_owned(),
        }
    }

    /// A figure with what the documentation adds: "60 s — note", the note
    /// alone where there is no figure, or "not documented".
    pub fn described(&self, seconds: &Option<u32>, note: &Option<String>) -> String {
        match (seconds, note) {
            (Some(_), Some(note)) => format!("{} — {note}", self.figure(seconds)),
            (Some(_), None) => self.figure(seconds),
            (None, Some(note)) => note.clone(),
            (None, None) => self.not_documented.clone(),
        }
    }
}

/// The explain box, its answer page, and "How it looks in logs" on code pages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainLabels {
    pub title: String,
    /// Above the box on the home page.
    pub heading: String,
    pub intro: String,
    pub label: String,
    pub placeholder: String,
    pub button: String,
    pub pasted_label: String,
    pub best_label: String,
    pub others_label: String,
    /// `{percent}` is filled in.
    pub confidence: String,
    pub evidence_label: String,
    pub observed_label: String,
    pub observed_codes: String,
    pub observed_reason: String,
    pub observed_libraries: String,
    pub observed_families: String,
    pub role_received: String,
    pub role_sent: String,
    /// `{code}` is filled in.
    pub refused_label: String,
    /// Nothing in the text was recognised.
    pub nothing: String,
    /// `{code}` is filled in: a number no family defines.
    pub undefined_number: String,
    /// `{code}` is filled in: the link to `/lookup/{code}`.
    pub lookup_link: String,
    /// `{code}` and `{name}` are filled in.
    pub open_page: String,
    /// `{max}` is filled in.
    pub too_long: String,
    pub empty: String,
    pub logs_heading: String,
    pub logs_intro: String,
    /// `{library}` and `{language}` are filled in.
    pub logs_source: String,
    pub rule_browser: String,
    pub rule_never_on_the_wire: String,
    pub rule_none: String,
    pub evidence: EvidenceLabels,
}

/// One sentence per kind of evidence; `{matched}`, `{library}`, `{family}`,
/// `{code}` and `{rule}` are filled in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceLabels {
    pub close_code: String,
    pub number: String,
    pub library_message: String,
    pub implied_by_message: String,
    pub refused_code: String,
    pub reason: String,
    pub family_context: String,
    pub standard_first: String,
    pub other_family: String,
    pub normal_closure_beside_another: String,
    pub words: String,
}

impl ExplainLabels {
    /// "95% confident", from a confidence of 0 to 1.
    pub fn confidence_of(&self, confidence: f32) -> String {
        self.confidence
            .replace("{percent}", &format!("{:.0}", confidence * 100.0))
    }

    pub fn evidence(&self, kind: EvidenceKind) -> &str {
        let labels = &self.evidence;
        match kind {
            EvidenceKind::CloseCode => &labels.close_code,
            EvidenceKind::Number => &labels.number,
            EvidenceKind::LibraryMessage => &labels.library_message,
            EvidenceKind::ImpliedByMessage => &labels.implied_by_message,
            EvidenceKind::RefusedCode => &labels.refused_code,
            EvidenceKind::Reason => &labels.reason,
            EvidenceKind::FamilyContext => &labels.family_context,
            EvidenceKind::StandardFirst => &labels.standard_first,
            EvidenceKind::OtherFamily => &labels.other_family,
            EvidenceKind::NormalClosureBesideAnother => &labels.normal_closure_beside_another,
            EvidenceKind::Words => &labels.words,
        }
    }
}

/// The theme toggle's states.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeLabels {
    pub auto: String,
    pub light: String,
    pub dark: String,
}

/// Embeds: the card's link back and the `/embed` page that explains every way.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbedLabels {
    pub full_page: String,
    pub title: String,
    pub intro: String,
    pub iframe_heading: String,
    pub iframe_text: String,
    pub component_heading: String,
    pub component_text: String,
    pub badge_heading: String,
    pub badge_text: String,
    pub oembed_heading: String,
    pub oembed_text: String,
    pub docusaurus_heading: String,
    pub docusaurus_text: String,
    pub backstage_heading: String,
    pub backstage_text: String,
    pub readme_heading: String,
    pub readme_text: String,
    pub wordpress_heading: String,
    pub wordpress_text: String,
}

/// The "Try it" panel on code pages; `{code}` is filled in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TryItLabels {
    pub heading: String,
    pub intro: String,
    pub button: String,
    pub waiting: String,
    pub sent: String,
    pub simulated_1005: String,
    pub simulated_1006: String,
    pub not_sendable: String,
    pub result_code: String,
    pub result_reason: String,
    pub result_was_clean: String,
    pub commands: String,
    pub unsupported: String,
    pub reason_label: String,
    /// `{bytes}` is filled in by the page's script.
    pub reason_bytes: String,
    pub reason_too_long: String,
}

/// The pages that explain each problem type (`/problems/{slug}`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProblemLabels {
    #[serde(rename = "status_label")]
    pub status_label: String,
    #[serde(rename = "example_label")]
    pub example_label: String,
    pub not_found: ProblemText,
    pub not_a_close_code: ProblemText,
    pub same_code_twice: ProblemText,
    pub unknown_language: ProblemText,
    pub invalid_parameter: ProblemText,
    pub method_not_allowed: ProblemText,
    pub upgrade_required: ProblemText,
    pub format_not_implemented: ProblemText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemText {
    pub title: String,
    pub description: String,
}

/// The close-handling lab's pages; `{run}`, `{n}`, `{total}` and the
/// verdict counts are filled in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabLabels {
    pub nav_link: String,
    pub title: String,
    pub description: String,
    pub heading: String,
    pub intro: String,
    pub run_heading: String,
    pub run_intro: String,
    pub browser_heading: String,
    pub browser_intro: String,
    pub browser_button: String,
    pub browser_running: String,
    pub browser_done: String,
    pub browser_failed: String,
    pub cases_heading: String,
    pub case_column: String,
    pub autobahn_column: String,
    pub server_does_column: String,
    pub client_must_column: String,
    pub references_column: String,
    pub informational: String,
    pub autobahn_heading: String,
    pub autobahn_intro: String,
    pub reconnect_heading: String,
    pub reconnect_intro: String,
    pub replicas_heading: String,
    pub replicas_text: String,
    pub report_title: String,
    pub report_intro: String,
    pub nothing_recorded: String,
    /// The same, where there is no list of cases above (an assistant's
    /// answer): `{run}`, `{seconds}` kept, `{url}` of the first case.
    pub nothing_recorded_connect: String,
    pub summary: String,
    pub verdict_column: String,
    pub observed_column: String,
    pub expected_column: String,
    pub verdict_pass: String,
    pub verdict_fail: String,
    pub verdict_info: String,
    pub verdict_not_run: String,
    pub json_link: String,
    pub open_report: String,
    pub run_label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchLabels {
    pub label: String,
    pub placeholder: String,
    pub button: String,
    pub title: String,
    pub all_families: String,
    pub intro: String,
    /// `{query}` is filled in.
    pub results_one: String,
    /// `{count}` and `{query}` are filled in.
    pub results: String,
    /// `{query}` is filled in.
    pub no_results: String,
    /// `{max}` is filled in.
    pub too_long: String,
    /// `{family}` is filled in.
    pub unknown_family: String,
    /// Above what a searched number means when no result is it; `{number}`.
    pub number_heading: String,
    /// The link to the number's own page; `{number}`.
    pub number_link: String,
    /// Beside a result that matched a word only with a letter or two off.
    pub fuzzy: String,
    #[serde(rename = "match")]
    pub matched: MatchLabels,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchLabels {
    pub code: String,
    pub code_prefix: String,
    pub name: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub code: String,
    pub name: String,
    pub summary: String,
    pub range: String,
    pub fact: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    pub description: String,
    pub when: String,
    pub fix: String,
    pub use_when: String,
    pub facts: String,
    pub reconnect: String,
    pub references: String,
    pub registry_entry: String,
    pub related_comparisons: String,
    pub compare_with: String,
    pub key_differences: String,
    pub when_to_use_which: String,
    pub codes: String,
    pub ranges: String,
    pub snippets: String,
    pub mistakes: String,
    pub curated_sources: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactLabels {
    pub range: String,
    pub sender: String,
    pub on_the_wire: String,
    pub browser_can_send: String,
    pub reconnect: String,
    /// What the family's source says about reconnecting, beside our advice.
    pub source_says: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueLabels {
    pub yes: String,
    pub no: String,
    pub sender: SenderLabels,
    pub advice: AdviceLabels,
    pub source_says: SourceSaysLabels,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSaysLabels {
    pub yes: String,
    pub no: String,
    /// The source says nothing about reconnecting after this code.
    pub silent: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SenderLabels {
    pub either: String,
    pub server: String,
    pub client: String,
    pub none: String,
    pub local: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceLabels {
    pub yes: String,
    #[serde(rename = "after-fix")]
    pub after_fix: String,
    pub no: String,
    pub depends: String,
}

/// Sentence templates for "When to use which"; `{a}`, `{b}` and the other
/// placeholders are filled in from the two codes' facts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub neither_on_the_wire: String,
    pub one_on_the_wire: String,
    pub browser_both: String,
    pub browser_one: String,
    pub browser_neither: String,
    pub reconnect_same: String,
    pub reconnect_differs: String,
}

/// For a private-use number that a comparison shows opposite a code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateUseLabels {
    pub name: String,
    /// `{number}` is filled in.
    pub meanings_heading: String,
    pub no_meanings: String,
}

/// `/lookup/{n}`, the page for any number, and the links to it; `{number}` is
/// filled in everywhere.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookupLabels {
    pub title: String,
    pub heading: String,
    pub intro: String,
    /// Above the advice when no family documents the number.
    pub undocumented_heading: String,
    /// Above the same advice when some do, for a sender that is none of them.
    pub other_sender_heading: String,
    /// The link from a code's facts box.
    pub every_meaning: String,
    /// The link from the 404 page of an address that holds a number.
    pub not_found_link: String,
    pub never_valid: String,
    pub unassigned: String,
    pub unregistered: String,
    pub private_use: String,
}

impl UiStrings {
    pub fn problem(&self, kind: ProblemType) -> &ProblemText {
        let texts = &self.problems;
        match kind {
            ProblemType::NotFound => &texts.not_found,
            ProblemType::NotACloseCode => &texts.not_a_close_code,
            ProblemType::SameCodeTwice => &texts.same_code_twice,
            ProblemType::UnknownLanguage => &texts.unknown_language,
            ProblemType::InvalidParameter => &texts.invalid_parameter,
            ProblemType::MethodNotAllowed => &texts.method_not_allowed,
            ProblemType::UpgradeRequired => &texts.upgrade_required,
            ProblemType::FormatNotImplemented => &texts.format_not_implemented,
        }
    }

    /// What to make of a number that no registered code explains.
    pub fn unexplained(&self, kind: Unexplained) -> &str {
        let labels = &self.lookup;
        match kind {
            Unexplained::NeverValid => &labels.never_valid,
            Unexplained::Unassigned => &labels.unassigned,
            Unexplained::Unregistered => &labels.unregistered,
            Unexplained::PrivateUse => &labels.private_use,
        }
    }

    pub fn match_kind(&self, kind: &MatchKind) -> &str {
        let labels = &self.search.matched;
        match kind {
            MatchKind::Code => &labels.code,
            MatchKind::CodePrefix => &labels.code_prefix,
            MatchKind::Name => &labels.name,
            MatchKind::Text => &labels.text,
        }
    }

    pub fn codes_count(&self, count: usize) -> String {
        self.family_codes_count
            .replace("{count}", &count.to_string())
    }

    pub fn yes_no(&self, value: &bool) -> &str {
        if *value {
            &self.values.yes
        } else {
            &self.values.no
        }
    }

    pub fn sender(&self, sender: &Sender) -> &str {
        let labels = &self.values.sender;
        match *sender {
            Sender::Either => &labels.either,
            Sender::Server => &labels.server,
            Sender::Client => &labels.client,
            Sender::None => &labels.none,
            Sender::Local => &labels.local,
        }
    }

    /// What a source says about reconnecting, `silent` where it says nothing.
    pub fn source_says(&self, says: &Option<SourceSays>) -> &str {
        let labels = &self.values.source_says;
        match says {
            Some(SourceSays::Yes) => &labels.yes,
            Some(SourceSays::No) => &labels.no,
            None => &labels.silent,
        }
    }

    pub fn advice(&self, advice: &ReconnectAdvice) -> &str {
        let labels = &self.values.advice;
        match *advice {
            ReconnectAdvice::Yes => &labels.yes,
            ReconnectAdvice::AfterFix => &labels.after_fix,
            ReconnectAdvice::No => &labels.no,
            ReconnectAdvice::Depends => &labels.depends,
        }
    }
}
