use crate::helpers::spawn_app;

#[tokio::test]
async fn lookup_explains_registered_numbers() {
    let app = spawn_app().await;
    let lookup = app.get_json("/api/v1/lookup/1009").await;
    assert_eq!(lookup["number"], 1009);
    assert_eq!(lookup["range"]["id"], "1000-2999");
    let standard = lookup["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["family"] == "websocket")
        .expect("the standard meaning is listed");
    assert_eq!(standard["name"], "Message Too Big");
}

#[tokio::test]
async fn lookup_explains_every_range_even_without_an_entry() {
    let app = spawn_app().await;
    // Numbers no family defines.
    for (number, range, on_the_wire, browser) in [
        (0, "0-999", false, false),
        (999, "0-999", false, false),
        (1016, "1000-2999", true, false),
        (3999, "3000-3999", true, true),
        (4998, "4000-4999", true, true),
        (5000, "5000-65535", false, false),
        (65535, "5000-65535", false, false),
    ] {
        let lookup = app.get_json(&format!("/api/v1/lookup/{number}")).await;
        assert_eq!(lookup["range"]["id"], range, "{number}");
        assert!(!lookup["range"]["description"].as_str().unwrap().is_empty());
        assert_eq!(lookup["on_the_wire"], on_the_wire, "{number}");
        assert_eq!(lookup["browser_can_send"], browser, "{number}");
        assert!(lookup["entries"].as_array().unwrap().is_empty(), "{number}");
    }
}

#[tokio::test]
async fn lookup_rejects_what_is_not_a_16_bit_number() {
    let app = spawn_app().await;
    for bad in [
        "65536",
        "-1",
        "abc",
        "10.5",
        "1e3",
        "%20",
        "99999999999999999999",
    ] {
        let problem = app
            .get_problem(
                &format!("/api/v1/lookup/{bad}"),
                reqwest::StatusCode::BAD_REQUEST,
            )
            .await;
        assert!(
            problem["detail"].as_str().unwrap().contains("0 to 65535"),
            "{bad}: {problem}"
        );
    }
}
