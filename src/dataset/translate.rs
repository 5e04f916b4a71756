//! Another language's texts over the source language's facts. A translation
//! must cover every range, family, code, mistake and curated comparison;
//! anything missing or left over is a data problem like any other.

use std::collections::{BTreeMap, HashMap};

use super::files::{
    ComparisonTranslations, CuratedComparison, FamilyFile, FamilyTranslation, Platform,
    PlatformTranslations, RangeText, RangeTranslation,
};
use super::load::{file_problems, list_folder, parse_file};
use super::problem::{DataProblem, FileProblems};
use super::source::DataSource;

/// Everything in the dataset that has words: the source language's files, or
/// a translated copy of them.
#[derive(Debug, Clone)]
pub struct Texts {
    pub ranges: Vec<RangeText>,
    pub families: Vec<FamilyFile>,
    /// Curated comparisons by family slug.
    pub curated: HashMap<String, Vec<CuratedComparison>>,
    pub platforms: Vec<Platform>,
}

/// Where a language's translation files live.
pub fn folder(lang: &str) -> String {
    format!("translations/{lang}")
}

/// The source texts with every text replaced by its translation into `lang`,
/// or `None` when any translation is missing (every problem is reported).
pub fn translate(
    source: &DataSource,
    lang: &str,
    english: &Texts,
    problems: &mut Vec<DataProblem>,
) -> Option<Texts> {
    let before = problems.len();
    let root = folder(lang);
    let mut translated = english.clone();

    let ranges_path = format!("{root}/ranges.json");
    if let Some(mut ranges) =
        parse_file::<BTreeMap<String, RangeTranslation>>(source, &ranges_path, problems)
    {
        let mut report = file_problems(source, &ranges_path, problems);
        for range in &mut translated.ranges {
            match ranges.remove(&range.id) {
                Some(text) => {
                    range.name = text.name;
                    range.description = text.description;
                }
                None => report.report(Some(format!("range {}", range.id)), "not translated"),
            }
        }
        report_leftovers(ranges.keys(), "range", &mut report);
    }

    let family_paths = list_folder(source, &format!("{root}/families"), problems);
    for family in &mut translated.families {
        let path = format!("{root}/families/{}.json", family.slug);
        if !family_paths.contains(&path) {
            file_problems(source, &path, problems)
                .report(None, format!("family {} is not translated", family.slug));
            continue;
        }
        if let Some(text) = parse_file::<FamilyTranslation>(source, &path, problems) {
            apply_family(family, text, &mut file_problems(source, &path, problems));
        }
    }
    for path in &family_paths {
        if !english
            .families
            .iter()
            .any(|f| path.ends_with(&format!("/{}.json", f.slug)))
        {
            file_problems(source, path, problems).report(
                None,
                "there is no family of this name in the source language",
            );
        }
    }

    for (slug, pairs) in &mut translated.curated {
        let path = format!("{root}/comparisons/{slug}.json");
        let Some(mut texts) = parse_file::<ComparisonTranslations>(source, &path, problems) else {
            continue;
        };
        let mut report = file_problems(source, &path, problems);
        for pair in pairs.iter_mut() {
            match texts.remove(&format!("{}-{}", pair.a, pair.b)) {
                Some(text) => pair.when_to_use_which = text,
                None => report.report(
                    Some(format!("comparison {}-vs-{}", pair.a, pair.b)),
                    "not translated",
                ),
            }
        }
        report_leftovers(texts.keys(), "comparison", &mut report);
    }

    if !translated.platforms.is_empty() {
        let path = format!("{root}/{PLATFORMS}");
        if let Some(texts) = parse_file::<PlatformTranslations>(source, &path, problems) {
            let mut report = file_problems(source, &path, problems);
            apply_platforms(&mut translated.platforms, texts, &mut report);
        }
    }

    (problems.len() == before).then_some(translated)
}

/// Where the platforms are, in the dataset and in each translation.
pub const PLATFORMS: &str = "platforms.json";

/// The platforms' texts, in the source's order: each platform translated once.
fn apply_platforms(
    platforms: &mut [Platform],
    texts: PlatformTranslations,
    report: &mut FileProblems,
) {
    let mut texts: BTreeMap<String, _> = texts
        .platforms
        .into_iter()
        .map(|text| (text.slug.clone(), text))
        .collect();
    for platform in platforms {
        let Some(text) = texts.remove(&platform.slug) else {
            report.report(
                Some(format!("platform {}", platform.slug)),
                "not translated",
            );
            continue;
        };
        let entry = Some(format!("platform {}", platform.slug));
        for (field, source, translated) in [
            (
                "idle_timeout_note",
                &platform.idle_timeout_note,
                &text.idle_timeout_note,
            ),
            (
                "max_connection_note",
                &platform.max_connection_note,
                &text.max_connection_note,
            ),
        ] {
            if source.is_some() != translated.is_some() {
                report.report(
                    entry.clone(),
                    format!("{field} is translated only where the source has one"),
                );
            }
        }
        platform.idle_timeout_note = text.idle_timeout_note;
        platform.max_connection_note = text.max_connection_note;
        platform.setting = text.setting;
        platform.summary = text.summary;
    }
    report_leftovers(texts.keys(), "platform", report);
}

fn apply_family(family: &mut FamilyFile, text: FamilyTranslation, report: &mut FileProblems) {
    family.description = text.description;
    family.ranges_note = text.ranges_note;
    family.source_version = text.source_version;
    let mut codes = text.codes;
    for code in &mut family.codes {
        let entry = Some(format!("code {}", code.code));
        let Some(text) = codes.remove(&code.code.to_string()) else {
            report.report(entry, "not translated");
            continue;
        };
        if text.mistakes.len() != code.mistakes.len() {
            report.report(
                entry.clone(),
                format!(
                    "{} mistakes translated, the source has {}",
                    text.mistakes.len(),
                    code.mistakes.len()
                ),
            );
        }
        code.name = text.name;
        code.summary = text.summary;
        code.description = text.description;
        code.when = text.when;
        code.fix = text.fix;
        code.use_when = text.use_when;
        code.reconnect.detail = text.reconnect_detail;
        for (mistake, translated) in code.mistakes.iter_mut().zip(text.mistakes) {
            mistake.text = translated;
        }
    }
    report_leftovers(codes.keys(), "code", report);
}

/// Translations of things the source language does not have are typos or
/// leftovers of removed entries.
fn report_leftovers<'a>(
    keys: impl Iterator<Item = &'a String>,
    kind: &str,
    report: &mut FileProblems,
) {
    for key in keys {
        report.report(
            Some(format!("{kind} {key}")),
            "the source language has no such entry",
        );
    }
}
