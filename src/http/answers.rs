//! The answers rendered for a site, keyed by the address they are served at
//! (the path, and `?lang=xx` for API answers in another language).

use std::collections::HashMap;
use std::collections::hash_map::IntoIter;

use super::Resource;

/// Each address is answered once: two renderers claiming one (a family named
/// like a path the site uses, a language code clashing with a family) is a
/// bug that stops startup, never a page silently replaced.
#[derive(Default)]
pub struct Answers(HashMap<String, Resource>);

impl Answers {
    /// # Panics
    /// When `key` already has an answer.
    pub fn add(&mut self, key: String, resource: Resource) {
        assert!(
            !self.0.contains_key(&key),
            "two answers for {key}: each address is rendered by one surface"
        );
        self.0.insert(key, resource);
    }

    /// Takes every answer of `other`, each address still answered once.
    pub fn merge(&mut self, other: Answers) {
        for (key, resource) in other {
            self.add(key, resource);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Resource)> {
        self.0.iter()
    }
}

impl IntoIterator for Answers {
    type Item = (String, Resource);
    type IntoIter = IntoIter<String, Resource>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "two answers for /websocket/1009")]
    fn an_address_is_answered_once() {
        let mut answers = Answers::default();
        answers.add(
            "/websocket/1009".to_owned(),
            Resource::new("text/plain", "a"),
        );
        let mut other = Answers::default();
        other.add(
            "/websocket/1009".to_owned(),
            Resource::new("text/plain", "b"),
        );
        answers.merge(other);
    }
}
