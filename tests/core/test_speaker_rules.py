"""Speaker rules on small invented texts, without a model (entities are given or repaired
by the rules themselves). The real model is exercised in test_analysis.py."""

from __future__ import annotations

from reader.core.boilerplate import classify_paragraph, find_boilerplate
from reader.core.entities import consistent_labels, missed_people
from reader.core.models import Span
from reader.core.passages import paragraph_spans
from reader.core.quotes import find_quotations
from reader.core.speakers import attribute


def speakers(text: str, entities: list[Span] = ()) -> list[tuple[str, str | None]]:
    paragraphs = paragraph_spans(text)
    boiler = find_boilerplate(text, paragraphs)
    raw = find_quotations(text, paragraphs, [])
    spans = attribute(text, consistent_labels(text, list(entities)), raw, paragraphs, boiler)
    return [(text[s.start : s.end], s.attrs["speaker"]) for s in spans]


def person(text: str, name: str) -> Span:
    i = text.index(name)
    return Span(i, i + len(name), "PERSON")


def test_a_sentence_that_starts_with_by_is_not_a_byline() -> None:
    assert classify_paragraph("By the time he came back, the shop was gone.", 5, 1) is None
    assert classify_paragraph("By Friday afternoon, water stood at the top of the mailboxes", 5, 1) is None
    assert classify_paragraph("By CALLUM REID, TRAVEL EDITOR", 3, 1) == "byline"
    assert classify_paragraph("*By Nora Quill · Photographs by Ian Roe · 9 min read*", 3, 1) == "byline"
    assert classify_paragraph("By Jane Doe and Li Wei, staff writers", 3, 1) == "byline"


def test_full_names_the_model_missed_are_people() -> None:
    text = "The first thing Agnes Pellworth saw was the cold. Victoria Station was shut and Morgan Stanley was closed."
    found = [text[e.start : e.end] for e in missed_people(text, []) if e.label == "PERSON"]
    assert found == ["Agnes Pellworth"]
    # Where the model tagged something, it is left alone.
    tagged = [Span(16, 31, "ORG")]
    assert missed_people(text, tagged) == tagged


def test_a_reporters_byline_is_never_the_speaker() -> None:
    text = "Plant closes\n\nBy JORDAN ELLIS\n\nThe plant closed on Monday.\n\n“It was a shock,” he said."
    assert speakers(text, [person(text, "JORDAN ELLIS")]) == [("It was a shock,", None)]


def test_so_called_labels_have_no_speaker() -> None:
    text = (
        "Maria Lopez, the inspector, said the firm used a so-called “surge tool” to raise prices.\n\n"
        "“We saw it in every store,” Lopez said."
    )
    got = speakers(text, [person(text, "Maria Lopez")])
    assert got == [("surge tool", None), ("We saw it in every store,", "Maria Lopez")]


def test_in_someones_words() -> None:
    text = "Joan Harper kept the keys for a decade.\n\nThe alarm, in Harper’s words, was “eerily silent.”"
    assert speakers(text, [person(text, "Joan Harper")]) == [("eerily silent.", "Joan Harper")]


def test_titles_are_not_part_of_the_name() -> None:
    text = "Chief Constable Adrian Pellham said lives were at risk.\n\n“This was reckless,” he said."
    got = speakers(text, [person(text, "Constable Adrian Pellham")])
    assert got == [("This was reckless,", "Adrian Pellham")]


def test_the_statement_is_its_authors() -> None:
    text = (
        "“It was frightening,” a parent said.\n\n"
        "Principal Dr. Hugo Brandt defended the drill in a written statement on Monday. "
        "“Drills must feel real,” the statement said."
    )
    got = speakers(text, [person(text, "Hugo Brandt")])
    assert got[-1] == ("Drills must feel real,", "Hugo Brandt")


def test_a_quote_after_reported_speech_in_the_same_paragraph() -> None:
    text = (
        "A porter on his way to Kelsey General Hospital, who asked not to be named, said he had missed his shift. "
        "“Who do they think they are hurting?”"
    )
    got = speakers(text, [Span(text.index("Kelsey"), text.index("Kelsey") + 23, "ORG")])
    assert got == [("Who do they think they are hurting?", "A porter on his way to Kelsey General Hospital")]


def test_what_the_board_called() -> None:
    text = (
        "The Rowing Integrity Board banned the coach for six years.\n\n"
        "His assistant was suspended for what the board called “a plan to deceive.”"
    )
    got = speakers(text, [Span(4, 27, "ORG")])
    assert got == [("a plan to deceive.", "Rowing Integrity Board")]


def test_a_document_speaks_for_whoever_sent_it() -> None:
    text = "A fundraising email sent by the mayor’s campaign accused “career politicians” of lying."
    assert speakers(text) == [("career politicians", "the mayor’s campaign")]


def test_asked_not_to_be_named_is_not_the_speech_verb() -> None:
    text = "One senior figure in Welsh rugby, who asked not to be named, said the ban would “change everything”."
    got = speakers(text, [Span(text.index("Welsh"), text.index("Welsh") + 5, "NORP")])
    assert got == [("change everything", "One senior figure in Welsh rugby")]


def test_a_wire_dateline_is_not_the_speaker() -> None:
    text = "Portvale (AFP) - Kandria's opposition on Tuesday rejected the results, saying they were \"rigged\"."
    got = speakers(text, [Span(0, 8, "GPE")])
    assert got == [("rigged", "Kandria's opposition")]


def test_the_person_a_sentence_is_about_owns_the_next_quotation() -> None:
    text = (
        "Tobias Renn beat Daniel Okoro in five sets.\n\n"
        "Asked whether he had spoken to the umpire since, Okoro smiled. “We had a short chat.”"
    )
    got = speakers(text, [person(text, "Tobias Renn"), person(text, "Daniel Okoro")])
    assert got == [("We had a short chat.", "Daniel Okoro")]


def test_bare_plural_sources() -> None:
    text = "Observers from the regional bloc, the Coast Community (CC), said voting was \"calm and orderly\"."
    got = speakers(text, [Span(text.index("the Coast"), text.index(" (CC)"), "ORG")])
    assert got == [("calm and orderly", "Observers from the regional bloc")]


def test_according_to_a_report_by_an_organisation() -> None:
    text = (
        "Waits grew again, according to a report by the Care Quality Office that describes the backlog as ‘stuck’.\n\n"
        "The report says a lack of ‘ring-fenced’ beds is the main cause."
    )
    org = text.index("the Care Quality Office")
    got = speakers(text, [Span(org, org + len("the Care Quality Office"), "ORG")])
    assert got == [("stuck", "the Care Quality Office"), ("ring-fenced", "the Care Quality Office")]


def test_the_company_is_not_the_newsroom_that_saw_an_email() -> None:
    text = (
        "Veltor Systems said hackers stole payroll data. In an email seen by Reuters, a customer said she was angry.\n\n"
        "The company said it acted \"within the time required by law.\""
    )
    got = speakers(text, [Span(0, 14, "ORG"), Span(text.index("Reuters"), text.index("Reuters") + 7, "ORG")])
    assert got == [("within the time required by law.", "Veltor Systems")]


def test_a_headline_quotation_after_a_colon_takes_the_speaker_of_its_fuller_repeat() -> None:
    text = (
        "Storm grounds Skyline flights: 'We slept on the floor'\n\n"
        "'We slept on the floor for two nights,' said Kerry Vance, 41."
    )
    got = speakers(text, [Span(15, 22, "ORG"), person(text, "Kerry Vance")])
    assert got == [("We slept on the floor", "Kerry Vance"), ("We slept on the floor for two nights,", "Kerry Vance")]


def test_a_headline_role_is_the_person_the_story_names() -> None:
    text = (
        "Judge calls scheme ‘a betrayal of the town’\n\n"
        "Harrow County Superior Court Judge Margaret Eklund said she had read 200 letters."
    )
    assert speakers(text, [person(text, "Margaret Eklund")]) == [("a betrayal of the town", "Margaret Eklund")]


def test_a_related_link_label_is_not_part_of_the_subject() -> None:
    text = "READ MORE: Farmers say the bypass will ‘cut the valley in half’"
    assert speakers(text) == [("cut the valley in half", "Farmers")]


def org(text: str, name: str) -> Span:
    i = text.index(name)
    return Span(i, i + len(name), "ORG")


def test_office_titles_before_a_name_are_not_part_of_it() -> None:
    text = "“We kept our word,” said Councilmember Agnes Pellworth, who chairs the panel.\n\n“It holds,” Pellworth said."
    assert speakers(text, [org(text, "Agnes Pellworth")]) == [("We kept our word,", "Agnes Pellworth"), ("It holds,", "Agnes Pellworth")]


def test_labelling_verbs_do_not_take_their_object_as_the_speaker() -> None:
    text = (
        "The Tarnby Oversight Board reviewed the sale.\n\n"
        "In a letter to the firm, sent on Friday, the board called the disclosure “late and thin.”"
    )
    assert speakers(text, [org(text, "Tarnby Oversight Board")]) == [("late and thin.", "Tarnby Oversight Board")]


def test_zero_relative_and_reduced_passive_labels() -> None:
    text = (
        "The council passed the cap, a measure supporters called “a lifeline.”\n\n"
        "Pets were kept in as a stray cat dubbed ‘Shadow’ roamed the lanes."
    )
    assert speakers(text) == [("a lifeline.", "supporters"), ("Shadow", None)]


def test_a_description_naming_an_organisation_is_the_organisation() -> None:
    text = "The consumer group Fairledger urged customers to “check every statement.”"
    assert speakers(text) == [("check every statement.", "Fairledger")]


def test_a_report_speaks_for_its_author() -> None:
    text = (
        "The Harbour Safety Inspectorate’s 60-page report was published on Tuesday.\n\n"
        "The report describes the audit system as “largely decorative.”\n\n"
        "Brellow Bank said in a regulatory filing that it had found no fraud. The filing said there was “no evidence of loss.”"
    )
    ents = [org(text, "The Harbour Safety Inspectorate"), org(text, "Brellow Bank")]
    assert speakers(text, ents) == [("largely decorative.", "The Harbour Safety Inspectorate"), ("no evidence of loss.", "Brellow Bank")]


def test_a_cue_in_an_opening_subordinate_clause_yields_to_the_main_clause() -> None:
    text = (
        "Ilse Varga has said little in public. In May, after the university announced its inquiry, she wrote: "
        "“I stand by my data.”"
    )
    assert speakers(text, [person(text, "Ilse Varga")]) == [("I stand by my data.", "Ilse Varga")]


def test_the_council_is_the_city_council_the_story_named() -> None:
    text = "The vote divided the city council.\n\nThe council’s own review warned of a “high risk” of overruns."
    assert speakers(text) == [("high risk", "city council")]


def test_an_organisation_before_its_description_speaks() -> None:
    text = "The Crag Anchor Fund, a volunteer group that maintains bolts, said the anchor was “on a list for replacement”."
    assert speakers(text, [org(text, "The Crag Anchor Fund")]) == [("on a list for replacement", "The Crag Anchor Fund")]


def test_a_named_apposition_after_a_description_speaks() -> None:
    text = (
        "Marit Olsen conducted on Friday.\n\n"
        "The orchestra’s music director, the Norwegian conductor Marit Olsen, who was due on stage, "
        "posted that she stood “with every one of them”."
    )
    ents = [person(text, "Marit Olsen")]
    i = text.index("Marit Olsen", 10)
    ents.append(Span(i, i + len("Marit Olsen"), "PERSON"))
    assert speakers(text, ents) == [("with every one of them", "Marit Olsen")]


def test_a_family_speaks_for_itself() -> None:
    text = "Owen Tregarth died in May.\n\nMr Tregarth’s family said: “He lived for the cliffs.”"
    assert speakers(text, [person(text, "Owen Tregarth")]) == [("He lived for the cliffs.", "Owen Tregarth’s family")]


def test_acronyms_one_of_them_and_another() -> None:
    text = (
        "The Digital Asset Oversight Commission (DAOC) opened an inquiry.\n\n"
        "“We are engaging urgently,” DAOC said.\n\n"
        "Neighbours said vans came at night. One, who asked not to be named, said: “Lorries all night.”\n\n"
        "“Pending ever since,” one user wrote. Another posted the words: “My rent money.”"
    )
    got = speakers(text, [org(text, "The Digital Asset Oversight Commission")])
    assert got == [
        ("We are engaging urgently,", "The Digital Asset Oversight Commission"),
        ("Lorries all night.", "neighbour"),
        ("Pending ever since,", "one user"),
        ("My rent money.", "another user"),
    ]


def test_a_coordinated_cue_shares_the_subject() -> None:
    text = "Julian Ferris, the chief executive, said the board was sorry, but insisted the offer was “the most we can bear”."
    assert speakers(text, [person(text, "Julian Ferris")]) == [("the most we can bear", "Julian Ferris")]


def test_a_first_name_alone_and_transcript_labels() -> None:
    text = (
        "Jade Forley and Fiona Latham booked the barn.\n\n"
        "“It is gone,” Latham said.\n\n"
        "For Jade, the wedding will go ahead.\n\n"
        "“We will still get married,” she said.\n\n"
        "Coach Gary Rooney spoke after the match.\n\n"
        "Q: What did you tell them?\n\n"
        "GR: I told them, “Forty-five minutes to save your season.”"
    )
    ents = [person(text, "Jade Forley"), person(text, "Fiona Latham"), person(text, "Gary Rooney")]
    assert speakers(text, ents) == [
        ("It is gone,", "Fiona Latham"),
        ("We will still get married,", "Jade Forley"),
        ("Forty-five minutes to save your season.", "Gary Rooney"),
    ]


def test_a_cookie_notice_is_furniture_and_never_the_title() -> None:
    from reader.core.corpus import derive_title

    notice = "We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies and our privacy terms today."
    assert classify_paragraph(notice, 1, 3) == "navigation"
    assert classify_paragraph("The council said cookies sold at the fair were safe.", 5, 1) is None
    assert classify_paragraph("Parents reject cookies at the school bake sale, and teachers agree.", 5, 1) is None
    assert classify_paragraph("By continuing to browse you agree to our use of cookies.", 2, 1) == "navigation"
    body = f"Harbour Radio | News\n\n{notice}\n\nInquest hears climber fell after anchor failed\n\nA climber died on Sunday."
    assert derive_title(body, "x") == "Inquest hears climber fell after anchor failed"


def test_a_company_whose_name_ends_in_a_mark() -> None:
    text = "Brill! cut 400 jobs on Monday.\n\n“This is a hard day,” the company said."
    i = text.index("Brill!")
    assert speakers(text, [Span(i, i + 6, "ORG")]) == [("This is a hard day,", "Brill!")]


def test_a_fault_in_the_speaker_rules_keeps_the_quotations(monkeypatch) -> None:
    from reader.core import speakers as speakers_module

    def broken(self):
        raise ValueError("a bug")

    monkeypatch.setattr(speakers_module.SpeakerResolver, "resolve", broken)
    text = "Dana Hill said the plan was “reckless”. “We will fight it,” she said."
    assert speakers(text) == [("reckless", None), ("We will fight it,", None)]


def test_link_markup_is_not_part_of_a_name() -> None:
    text = "![Dr Ann Reyes presents the KESTREL-2 results](https://example.org/k2.jpg)\n\nShares rose."
    a, b = text.index("the KESTREL"), text.index("k2.jpg")
    orgs = [e for e in consistent_labels(text, [Span(a, b, "ORG")]) if e.label == "ORG"]
    assert [text[e.start : e.end] for e in orgs] == ["the KESTREL-2 results"]
