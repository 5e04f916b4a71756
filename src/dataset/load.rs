//! Reads every file of a dataset, validates it and builds the model. A dataset
//! with any problem is rejected whole, with every problem listed.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::explain::Knowledge;
use super::files::{
    CuratedComparison, FamilyFile, LibraryFile, MetaFile, PlatformsFile, RangeText,
};
use super::model::{self, Code, Dataset, Edition, Family, RangeInfo};
use super::problem::{DataProblem, FileProblems};
use super::rfc6455::CodeRange;
use super::source::DataSource;
use super::translate::{self, PLATFORMS, Texts};
use super::ui::UiStrings;
use super::validate;

const COMPARISONS: &str = "comparisons";
const LIBRARIES: &str = "libraries";

/// The family of the standard codes, listed before every other family.
pub const STANDARD_FAMILY: &str = "websocket";

/// The language every other language is translated from.
pub const SOURCE_LANGUAGE: &str = "en";

/// How a language is named in routes and API URLs: not at all for the source
/// language, which needs no prefix and no `?lang=`.
pub fn route_lang(lang: &str) -> Option<&str> {
    (lang != SOURCE_LANGUAGE).then_some(lang)
}

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

    let mut languages: Vec<(String, UiStrings)> = Vec::new();
    let ui_files = list_folder(source, "ui", &mut problems);
    for path in &ui_files {
        if let Some(ui) = parse_file::<UiStrings>(source, path, &mut problems) {
            languages.push((file_stem(path).to_owned(), ui));
        }
    }
    // The source language comes first; the others follow in file-name order.
    languages.sort_by_key(|(lang, _)| lang != SOURCE_LANGUAGE);
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
            let mut report = file_problems(source, path, &mut problems);
            validate::check_family(file_stem(path), &family, &mut seen_slugs, &mut report);
            if languages.iter().any(|(lang, _)| *lang == family.slug) {
                report.report(
                    Some(format!("family {}", family.slug)),
                    "slug is a language code: the family's pages would take the place of that language's",
                );
            }
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

    // Libraries are optional too: without them, explain reads numbers only.
    let mut libraries: Vec<LibraryFile> = Vec::new();
    let library_paths = source.json_files(LIBRARIES).unwrap_or_default();
    for path in &library_paths {
        if let Some(library) = parse_file::<LibraryFile>(source, path, &mut problems) {
            validate::check_library(
                file_stem(path),
                &library,
                &family_files,
                &family_paths,
                &library_paths,
                &mut file_problems(source, path, &mut problems),
            );
            libraries.push(library);
        }
    }

    // Optional as well: a dataset without it has no platforms page content.
    let platforms = if source.has_file(PLATFORMS) {
        parse_file::<PlatformsFile>(source, PLATFORMS, &mut problems).map(|file| {
            validate::check_platforms(
                &file.platforms,
                &mut file_problems(source, PLATFORMS, &mut problems),
            );
            file.platforms
        })
    } else {
        Some(Vec::new())
    };

    let (Some(meta), Some(ranges), Some(platforms)) = (meta, ranges, platforms) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let knowledge = Knowledge::build(&family_files, &libraries);
    let english = Texts {
        ranges,
        families: family_files,
        curated,
        platforms,
    };
    let mut editions = Vec::new();
    for (lang, ui) in languages {
        let texts = if lang == SOURCE_LANGUAGE {
            Some(english.clone())
        } else {
            translate::translate(source, &lang, &english, &mut problems)
        };
        if let Some(texts) = texts {
            editions.push(build_edition(lang, ui, &meta, texts, &english));
        }
    }
    if problems.is_empty() {
        Ok(Dataset {
            version: meta.version,
            date: meta.date,
            editions,
            knowledge,
        })
    } else {
        Err(problems)
    }
}

fn build_edition(
    lang: String,
    ui: UiStrings,
    meta: &MetaFile,
    mut texts: Texts,
    english: &Texts,
) -> Edition {
    let prefix = if lang == SOURCE_LANGUAGE {
        String::new()
    } else {
        format!("/{lang}")
    };
    let families = texts
        .families
        .into_iter()
        .zip(&english.families)
        .map(|(file, source)| {
            let curated = texts.curated.remove(&file.slug).unwrap_or_default();
            build_family(&lang, &prefix, file, source, curated)
        })
        .collect();
    Edition {
        ranges: texts.ranges.into_iter().map(build_range).collect(),
        families,
        version: meta.version.clone(),
        prefix,
        lang,
        ui,
        platforms: texts.platforms,
        search_index: Default::default(),
    }
}

pub(super) fn file_problems<'a>(
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

pub(super) fn list_folder(
    source: &DataSource,
    folder: &str,
    problems: &mut Vec<DataProblem>,
) -> Vec<String> {
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
pub(super) fn parse_file<T: DeserializeOwned>(
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

/// `source` is the family in the source language, for the official names.
fn build_family(
    lang: &str,
    prefix: &str,
    file: FamilyFile,
    source: &FamilyFile,
    curated: Vec<CuratedComparison>,
) -> Family {
    let mut family = Family {
        url: format!("{prefix}/{}/", file.slug),
        lang: lang.to_owned(),
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
        codes: Vec::new(),
        curated: curated
            .into_iter()
            .map(|entry| model::CuratedComparison {
                a: u16::try_from(entry.a).expect("validated code"),
                b: u16::try_from(entry.b).expect("validated code"),
                when_to_use_which: entry.when_to_use_which,
                references: entry.references,
            })
            .collect(),
    };
    let mut codes: Vec<Code> = file
        .codes
        .into_iter()
        .zip(&source.codes)
        .map(|(entry, official)| {
            let number = u16::try_from(entry.code).expect("validated as a 16-bit code");
            Code::from_entry(&family, number, entry, &official.name)
        })
        .collect();
    codes.sort_by_key(|code| code.code);
    family.codes = codes;
    family
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
