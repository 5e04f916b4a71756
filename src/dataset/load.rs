//! Reads every file of a dataset, validates it and builds the model. A dataset
//! with any problem is rejected whole, with every problem listed.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::files::{CuratedComparison, FamilyFile, MetaFile, RangeText};
use super::model::{self, Code, Dataset, Family, Language, RangeInfo, family_url};
use super::problem::{DataProblem, FileProblems};
use super::rfc6455::CodeRange;
use super::source::DataSource;
use super::ui::UiStrings;
use super::validate;

const COMPARISONS: &str = "comparisons";

/// The family of the standard codes, listed before every other family.
pub const STANDARD_FAMILY: &str = "websocket";

/// The language every other language is translated from.
pub const SOURCE_LANGUAGE: &str = "en";

pub fn load(source: &DataSource) -> Result<Dataset, Vec<DataProblem>> {
    let mut problems = Vec::new();

    let meta: Option<MetaFile> = parse_file(source, "meta.json", &mut problems);
    let ranges: Option<Vec<RangeText>> = parse_file(source, "ranges.json", &mut problems);
    if let Some(ranges) = &ranges {
        validate::check_ranges(
            ranges,
            &mut file_problems(source, "ranges.json", &mut problems),
        );
    }

    let mut languages = Vec::new();
    let ui_files = list_folder(source, "ui", &mut problems);
    for path in &ui_files {
        if let Some(ui) = parse_file::<UiStrings>(source, path, &mut problems) {
            languages.push(Language {
                code: file_stem(path).to_owned(),
                ui,
            });
        }
    }
    // The source language comes first; the others follow in file-name order.
    languages.sort_by_key(|language| language.code != SOURCE_LANGUAGE);
    let source_ui = format!("ui/{SOURCE_LANGUAGE}.json");
    if !ui_files.contains(&source_ui) {
        file_problems(source, &source_ui, &mut problems)
            .report(None, "the source language's UI strings are missing");
    }

    let mut family_files: Vec<FamilyFile> = Vec::new();
    let mut seen_slugs = HashSet::new();
    let family_paths = list_folder(source, "families", &mut problems);
    for path in &family_paths {
        if let Some(family) = parse_file::<FamilyFile>(source, path, &mut problems) {
            validate::check_family(
                file_stem(path),
                &family,
                &mut seen_slugs,
                &mut file_problems(source, path, &mut problems),
            );
            family_files.push(family);
        }
    }

    // The standard codes first; the others follow in file-name order.
    family_files.sort_by_key(|family| family.slug != STANDARD_FAMILY);

    // Curated comparisons are optional: a dataset may have none.
    let mut curated: HashMap<String, Vec<CuratedComparison>> = HashMap::new();
    for path in source.json_files(COMPARISONS).unwrap_or_default() {
        let Some(entries) = parse_file::<Vec<CuratedComparison>>(source, &path, &mut problems)
        else {
            continue;
        };
        let stem = file_stem(&path);
        let family_file = format!("families/{stem}.json");
        let family = family_files.iter().find(|family| family.slug == stem);
        if family.is_none() && family_paths.contains(&family_file) {
            continue; // The family file itself is broken and already reported.
        }
        validate::check_curated(
            stem,
            family,
            &entries,
            &mut file_problems(source, &path, &mut problems),
        );
        curated.insert(stem.to_owned(), entries);
    }

    match (meta, ranges) {
        (Some(meta), Some(ranges)) if problems.is_empty() => Ok(Dataset {
            version: meta.version,
            date: meta.date,
            families: family_files
                .into_iter()
                .map(|file| {
                    let curated = curated.remove(&file.slug).unwrap_or_default();
                    build_family(file, curated)
                })
                .collect(),
            ranges: ranges.into_iter().map(build_range).collect(),
            languages,
        }),
        _ => Err(problems),
    }
}

fn file_problems<'a>(
    source: &DataSource,
    relative: &str,
    problems: &'a mut Vec<DataProblem>,
) -> FileProblems<'a> {
    FileProblems {
        file: source.display_path(relative),
        problems,
    }
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".json").unwrap_or(name)
}

fn list_folder(source: &DataSource, folder: &str, problems: &mut Vec<DataProblem>) -> Vec<String> {
    match source.json_files(folder) {
        Ok(files) if files.is_empty() => {
            file_problems(source, folder, problems).report(None, "folder has no .json files");
            files
        }
        Ok(files) => files,
        Err(error) => {
            file_problems(source, folder, problems).report(None, error);
            Vec::new()
        }
    }
}

/// Reads and parses one file, reporting unreadable files, malformed JSON,
/// missing or unknown fields, wrong types and blank text.
fn parse_file<T: DeserializeOwned>(
    source: &DataSource,
    relative: &str,
    problems: &mut Vec<DataProblem>,
) -> Option<T> {
    let mut report = file_problems(source, relative, problems);
    let text = match source.read(relative) {
        Ok(text) => text,
        Err(error) => {
            report.report(None, error);
            return None;
        }
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(error) => {
            report.report(None, format!("malformed JSON: {error}"));
            return None;
        }
    };
    validate::check_no_blank_text(&value, &mut report);
    match serde_path_to_error::deserialize(&value) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            let path = error.path().to_string();
            let (entry, field) = validate::entry_for_path(&value, &path);
            let message = match field.as_str() {
                "" | "." => error.into_inner().to_string(),
                _ => format!("`{field}`: {}", error.into_inner()),
            };
            report.report(entry, message);
            None
        }
    }
}

fn build_family(file: FamilyFile, curated: Vec<CuratedComparison>) -> Family {
    let mut codes: Vec<Code> = file
        .codes
        .into_iter()
        .map(|entry| {
            let number = u16::try_from(entry.code).expect("validated as a 16-bit code");
            Code::from_entry(&file.slug, number, entry)
        })
        .collect();
    codes.sort_by_key(|code| code.code);
    Family {
        url: family_url(&file.slug),
        slug: file.slug,
        name: file.name,
        description: file.description,
        source: file.source,
        source_version: file.source_version,
        allowed_ranges: file
            .allowed_ranges
            .iter()
            .filter_map(|id| CodeRange::from_id(id))
            .collect(),
        ranges_note: file.ranges_note,
        codes,
        curated: curated
            .into_iter()
            .map(|entry| model::CuratedComparison {
                a: u16::try_from(entry.a).expect("validated code"),
                b: u16::try_from(entry.b).expect("validated code"),
                when_to_use_which: entry.when_to_use_which,
                references: entry.references,
            })
            .collect(),
    }
}

fn build_range(text: RangeText) -> RangeInfo {
    let id = CodeRange::from_id(&text.id).expect("validated range id");
    let (first, last) = id.bounds();
    RangeInfo {
        id,
        first,
        last,
        name: text.name,
        description: text.description,
        references: text.references,
    }
}
