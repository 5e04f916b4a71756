//! The websocket family against the IANA registry (tests/fixtures).

use closecodes::dataset::{self, DataSource};

use crate::helpers::iana_registrations;

#[test]
fn names_are_spelled_as_iana_spells_them() {
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    let family = dataset.source().family("websocket").unwrap();
    let registrations = iana_registrations();
    assert_eq!(registrations.len(), 19);
    for registration in &registrations {
        let code = family
            .code(registration.code)
            .unwrap_or_else(|| panic!("{} is registered but missing", registration.code));
        if registration.code == 1014 {
            // The registry's entry is a sentence; the name is the short form
            // and the sentence is quoted in full.
            assert_eq!(code.name, "Bad Gateway");
            assert_eq!(
                code.registry_entry.as_deref(),
                Some(registration.meaning.as_str())
            );
        } else {
            assert_eq!(code.name, registration.meaning, "{}", registration.code);
            assert_eq!(code.registry_entry, None);
        }
    }
    assert_eq!(
        family.codes.len(),
        registrations.len(),
        "no unregistered codes"
    );
}
