use std::fmt;

/// One thing wrong with a dataset: which file, which entry in it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProblem {
    pub file: String,
    /// The entry inside the file, e.g. `code 1009` or `range 1000-2999`.
    pub entry: Option<String>,
    pub message: String,
}

impl fmt::Display for DataProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some(entry) => write!(f, "{}: {}: {}", self.file, entry, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Collects problems for one file, so every check names the file the same way.
pub struct FileProblems<'a> {
    pub file: String,
    pub problems: &'a mut Vec<DataProblem>,
}

impl FileProblems<'_> {
    pub fn report(&mut self, entry: Option<String>, message: impl Into<String>) {
        self.problems.push(DataProblem {
            file: self.file.clone(),
            entry,
            message: message.into(),
        });
    }
}
