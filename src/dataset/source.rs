//! Where the dataset's files come from: the copy of `data/` compiled into the
//! binary, or a directory given with `--data`.

use std::borrow::Cow;
use std::path::PathBuf;

use include_dir::{Dir, include_dir};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");

#[derive(Debug, Clone, Default)]
pub enum DataSource {
    #[default]
    Embedded,
    Directory(PathBuf),
}

impl DataSource {
    /// How a file is named in messages: `data/…` for the built-in copy, the real
    /// path otherwise.
    pub fn display_path(&self, relative: &str) -> String {
        match self {
            DataSource::Embedded => format!("data/{relative}"),
            DataSource::Directory(dir) => dir.join(relative).display().to_string(),
        }
    }

    pub fn read(&self, relative: &str) -> Result<String, String> {
        match self {
            DataSource::Embedded => EMBEDDED
                .get_file(relative)
                .ok_or_else(|| "file is missing".to_owned())?
                .contents_utf8()
                .map(str::to_owned)
                .ok_or_else(|| "file is not UTF-8".to_owned()),
            DataSource::Directory(dir) => {
                std::fs::read_to_string(dir.join(relative)).map_err(|error| error.to_string())
            }
        }
    }

    /// Whether the dataset has a file at `relative` (for optional files).
    pub fn has_file(&self, relative: &str) -> bool {
        match self {
            DataSource::Embedded => EMBEDDED.get_file(relative).is_some(),
            DataSource::Directory(dir) => dir.join(relative).is_file(),
        }
    }

    /// The `.json` files in a folder, as paths relative to the dataset root, sorted.
    pub fn json_files(&self, folder: &str) -> Result<Vec<String>, String> {
        let mut names: Vec<String> = match self {
            DataSource::Embedded => EMBEDDED
                .get_dir(folder)
                .ok_or_else(|| "folder is missing".to_owned())?
                .files()
                .filter_map(|file| file.path().file_name()?.to_str().map(str::to_owned))
                .collect(),
            DataSource::Directory(dir) => std::fs::read_dir(dir.join(folder))
                .map_err(|error| error.to_string())?
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .collect(),
        };
        names.retain(|name| name.ends_with(".json"));
        names.sort();
        Ok(names
            .into_iter()
            .map(|name| format!("{folder}/{name}"))
            .collect())
    }

    /// A hash of every file's path and bytes: it changes whenever any answer
    /// made from the dataset could.
    pub fn fingerprint(&self) -> Result<u128, String> {
        let mut files: Vec<(String, Cow<'static, [u8]>)> = Vec::new();
        match self {
            DataSource::Embedded => embedded_files(&EMBEDDED, &mut files),
            DataSource::Directory(dir) => {
                directory_files(dir, dir, &mut files).map_err(|error| error.to_string())?;
            }
        }
        files.sort();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (path, bytes) in &files {
            hasher.update(path.as_bytes());
            hasher.update(&[0]);
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        Ok(hasher.digest128())
    }
}

fn embedded_files(dir: &Dir<'static>, files: &mut Vec<(String, Cow<'static, [u8]>)>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().into_owned();
        files.push((path, Cow::Borrowed(file.contents())));
    }
    for dir in dir.dirs() {
        embedded_files(dir, files);
    }
}

fn directory_files(
    root: &std::path::Path,
    dir: &std::path::Path,
    files: &mut Vec<(String, Cow<'static, [u8]>)>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            directory_files(root, &path, files)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            files.push((
                relative.to_string_lossy().into_owned(),
                Cow::Owned(std::fs::read(&path)?),
            ));
        }
    }
    Ok(())
}
