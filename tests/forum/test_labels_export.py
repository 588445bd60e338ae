"""``flask labels export``: moderator decisions as JSONL labels, member handles removed, readable by training."""
import json

from moderation.corpus import load_label_export


def decide(moderator_api, post_id, decision):
    item = next(i for i in moderator_api("GET", "/moderation/queue").get_json()["items"] if i["post_id"] == post_id)
    assert moderator_api("POST", f"/moderation/items/{item['id']}/decision", {"decision": decision}).status_code == 200


def test_exported_labels_carry_the_decision_its_categories_and_no_handles(app, member_api, moderator_api, texts, tmp_path):
    body = f"River here. {texts.CONTACT} or ask @maple_tree, she knows me"
    contact = member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": body}).get_json()["post"]
    crisis = member_api("POST", "/boards/hard-time/threads", {"title": "Bye", "body": texts.CRISIS}).get_json()["post"]
    decide(moderator_api, contact["id"], "approve")
    decide(moderator_api, crisis["id"], "escalate")
    out = tmp_path / "labels.jsonl"

    result = app.test_cli_runner().invoke(args=["labels", "export", "--out", str(out)])

    assert result.exit_code == 0, result.output
    approved, escalated = [json.loads(line) for line in out.read_text().splitlines()]
    assert approved["text"] == f"@member here. {texts.CONTACT} or ask @member, she knows me"
    assert approved["decision"] == "approve" and approved["categories"] == []
    assert escalated["decision"] == "escalate" and "imminent_risk" in escalated["categories"]
    assert escalated["text"] == texts.CRISIS
    assert approved["model_version"] and approved["ruleset_version"] == "default-5"
    examples = load_label_export(out)
    assert [(e.split, e.source) for e in examples] == [("train", "moderator-labels:labels.jsonl")] * 2
    assert examples[1].categories == frozenset(escalated["categories"])
