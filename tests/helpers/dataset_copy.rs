//! A copy of the built-in dataset to break on purpose.

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

/// A copy of the built-in `data/` in a temporary directory, to break on purpose.
pub struct DatasetCopy {
    pub dir: TempDir,
}

impl DatasetCopy {
    pub fn of_built_in() -> DatasetCopy {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&super::repo_path("data"), dir.path());
        DatasetCopy { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Parses `relative` as JSON, lets `change` edit it, writes it back.
    pub fn edit(&self, relative: &str, change: impl FnOnce(&mut Value)) -> &Self {
        let path = self.dir.path().join(relative);
        let mut value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        change(&mut value);
        fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
        self
    }

    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.dir.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Edits the websocket family's entry for `number`.
    pub fn edit_code(&self, number: u64, change: impl FnOnce(&mut Value)) -> &Self {
        self.edit("families/websocket.json", |family| {
            let code = family["codes"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|code| code["code"] == number)
                .unwrap();
            change(code);
        })
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}
