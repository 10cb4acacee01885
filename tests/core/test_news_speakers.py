"""Speakers in ordinary news prose on the real model: documents, passive verbs, speech
nouns, 'according to', epithets and pronouns after a sentence naming two people. Texts
are invented for these tests; each case failed before the rule it checks."""

from __future__ import annotations

from typing import Any

from reader.core.analysis import analyse_text


def _speakers(analyzer: Any, text: str) -> dict[str, str | None]:
    result = analyse_text(text, analyzer.nlp)
    return {text[q.start : q.end]: q.attrs["speaker"] for q in result.quotes}


def test_documents_speak_for_their_owners(real_analyzer: Any) -> None:
    text = (
        "Water firm fined after river leak\n\n"
        "The Environment Standards Board inspected the plant in March. Its report, published on Monday, "
        "found that staff had “routinely” ignored alarms.\n\n"
        "According to a police statement, a man arrested at the site was “known to officers”.\n\n"
        "Brent Valley Angling Club posted on Facebook that members were “heartbroken”. The club’s statement "
        "read: “We have lost a generation of fish.”"
    )
    assert _speakers(real_analyzer, text) == {
        "routinely": "The Environment Standards Board",
        "known to officers": "police",
        "heartbroken": "Brent Valley Angling Club",
        "We have lost a generation of fish.": "Brent Valley Angling Club",
    }


def test_a_passive_verb_and_a_speech_noun(real_analyzer: Any) -> None:
    text = (
        "Plans for a new bypass around Eastmere were described as “reckless” by opposition councillors on "
        "Tuesday.\n\n"
        "The union’s general secretary, Paul Keane, renewed his call for a “fares freeze”. Keane’s description "
        "of the network as “broken” was rejected by the rail operators’ body, Rail Partners UK."
    )
    assert _speakers(real_analyzer, text) == {
        "reckless": "opposition councillors",
        "fares freeze": "Paul Keane",
        "broken": "Paul Keane",
    }


def test_he_or_she_after_a_sentence_naming_two_people(real_analyzer: Any) -> None:
    text = (
        "Sarah Hughes, the local MP, met council leader Karen Webb on Tuesday to discuss the closures.\n\n"
        "“It was a productive meeting, but we are still far apart,” she said.\n\n"
        "Detective Inspector Mark Hale arrested Paul Dunn at his home in Leeds on Friday. “This was a complex "
        "inquiry,” he said.\n\n"
        "Detective Chief Inspector Gareth Lowe said Cotter had shown “not one ounce of remorse”.\n\n"
        "“Knife crime destroys families,” he said."
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["It was a productive meeting, but we are still far apart,"] == "Sarah Hughes"
    assert speakers["This was a complex inquiry,"] == "Mark Hale"
    assert speakers["Knife crime destroys families,"] == "Gareth Lowe"


def test_an_epithet_is_the_person_just_named(real_analyzer: Any) -> None:
    text = (
        "Harwick Town came from two goals down to beat Linfield Rovers 3-2, with substitute Jamal Okafor "
        "scoring twice.\n\n"
        "Manager Tom Reeve said his players had shown “real character”.\n\n"
        "Okafor, 19, was making only his third appearance for the club. The teenager said he had “dreamed of "
        "this moment” since he was six."
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["real character"] == "Tom Reeve"
    assert speakers["dreamed of this moment"] == "Jamal Okafor"


def test_a_role_with_a_team_or_place_and_a_continued_she(real_analyzer: Any) -> None:
    text = (
        "Harwick edge past Dunmore\n\n"
        "Harwick manager Stevie Larkin praised his side's resilience after they trailed at half-time.\n\n"
        "Dunmore boss Gary Pollock was left fuming at the referee's decision to award a late penalty.\n\n"
        "“I thought we showed real character today,” the Harwick manager said.\n\n"
        "The Dunmore manager added: “We'll be appealing to the league about the officiating.”\n\n"
        "Union rep Helen Marsh said staff had been left with no choice. She met the trust's chief executive, "
        "Sarah Quinlan, on Monday.\n\n"
        "“We have tried every route to avoid this,” she said."
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["I thought we showed real character today,"] == "Stevie Larkin"
    assert speakers["We'll be appealing to the league about the officiating."] == "Gary Pollock"
    assert speakers["We have tried every route to avoid this,"] == "Helen Marsh"


def test_names_the_small_model_misses_and_epithets(real_analyzer: Any) -> None:
    text = (
        "Rider banned after positive test\n\n"
        "The Independent Sailing Standards Unit (ISSU) said a sample taken in May contained a “banned "
        "stimulant”.\n\n"
        "Tour leader Matteo Brancati was furious. “We are all paying for this,” the Velox Racing rider told "
        "reporters.\n\n"
        "Prof Ezekiel Marlowe, whose laboratory tested the sample, said the result was “unambiguous”.\n\n"
        "Would Skyrail return to the valley? “We would need a partner,” Marlowe said.\n\n"
        "Pensioner Edna Pike, 81, said she was “sick to my stomach”. “Nobody came,” the gran said."
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["banned stimulant"] in ("Independent Sailing Standards Unit", "The Independent Sailing Standards Unit")
    assert speakers["We are all paying for this,"] == "Matteo Brancati"
    assert speakers["unambiguous"] == "Ezekiel Marlowe"
    assert speakers["We would need a partner,"] == "Ezekiel Marlowe"
    assert speakers["Nobody came,"] == "Edna Pike"


def test_it_is_the_organisation_the_sentence_is_about(real_analyzer: Any) -> None:
    text = (
        "Kestria's foreign ministry summoned Dravonia's ambassador in Lusk late on Thursday. In a statement, "
        "it called the expulsions “a provocation”.\n\n"
        "The tribunal’s 40-page ruling, seen by the Courier, says the firm acted “recklessly”.\n\n"
        "Agnes Tull walks me along the stretch of Harbour Street where, she says, she was knocked over.\n\n"
        "“He didn’t even stop,” she says."
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["a provocation"] in ("Kestria", "Kestria's foreign ministry")
    assert speakers["recklessly"] == "tribunal"
    assert speakers["He didn’t even stop,"] == "Agnes Tull"


def test_a_party_label_is_the_lawmaker_just_named(real_analyzer: Any) -> None:
    text = (
        "Sen. Mitch Dunaway, R-Idaho, backed the bill. “Fire doesn't check your party registration,” the "
        "Republican told reporters.\n\n"
        "Rep. Lyle Cabot, a Texas Republican who chairs the House budget subcommittee, said the bill was "
        "“spending money we don't have.”"
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["Fire doesn't check your party registration,"] == "Mitch Dunaway"
    assert speakers["spending money we don't have."] == "Lyle Cabot"


def test_the_place_in_a_description_is_not_the_speaker(real_analyzer: Any) -> None:
    text = (
        "Council accused of 'gross negligence' over flood defences\n\n"
        "Residents of Low Marston have accused Hedley Borough Council of \"gross negligence\" after the "
        "River Wend burst its banks for the third time in two years.\n\n"
        "Families who lost their homes welcomed the review but said it had come \"far too late\".\n\n"
        "But union officials said staff had been left \"exhausted and demoralised\" by the clean-up."
    )
    speakers = _speakers(real_analyzer, text)
    # The headline's passive "accused of" is not said by the council; the body's
    # repeat of the words names who said them.
    assert speakers["gross negligence"] == "Residents of Low Marston"
    assert speakers["far too late"] == "Families"
    assert speakers["exhausted and demoralised"] == "union officials"


def test_a_lede_description_is_the_person_named_next(real_analyzer: Any) -> None:
    text = (
        "Soap star's ordeal as stalker jailed\n\n"
        "A TV soap actress has told how a stalker turned her life into a \"living hell\" after he sent her "
        "more than 400 messages.\n\n"
        "Kirsty Vaughan, 34, who plays nurse Becky Lowe in the drama, said she had been \"too scared to "
        "leave the house\" for months.\n\n"
        "Outside court, Vaughan's agent Mel Dyer, 51, hugged the star and said: \"She is relieved.\""
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["living hell"] == "Kirsty Vaughan"
    assert speakers["too scared to leave the house"] == "Kirsty Vaughan"
    assert speakers["She is relieved."] == "Mel Dyer"


def test_wire_copy_regulators_analysts_and_the_government(real_analyzer: Any) -> None:
    text = (
        "Regulator fines Norcastle Water\n\n"
        "LONDON (Castwire) - Britain's water regulator on Thursday fined Norcastle Water 14 million pounds for "
        "what it called \"serious and repeated\" failures to stop sewage spills.\n\n"
        "Shoppers in Hartley town centre were dismayed by the bills.\n\n"
        "The government said it was \"monitoring the situation closely\".\n\n"
        "Analysts at Bremner Securities said the fine was smaller than expected, calling it \"manageable\"."
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["serious and repeated"] == "Britain's water regulator"
    assert speakers["monitoring the situation closely"] == "The government"
    assert speakers["manageable"] == "Analysts at Bremner Securities"


def test_she_after_an_unnamed_source_is_that_source(real_analyzer: Any) -> None:
    text = (
        "District Attorney Monica Reyes said the former treasurer had \"betrayed the trust of every taxpayer.\"\n\n"
        "A city employee who worked with Hale, and who spoke on condition of anonymity because she was not "
        "authorized to speak publicly, said staff had raised concerns as early as 2019. \"Nobody wanted to "
        "hear it,\" she said.\n\n"
        "A youth activist from Kenya, Wanjiru Kamau, 19, said the talks had failed. \"We are tired,\" she said."
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["Nobody wanted to hear it,"] == "A city employee"
    assert speakers["We are tired,"] == "Wanjiru Kamau"


def test_a_feature_about_a_ferryman(real_analyzer: Any) -> None:
    text = (
        "The last ferryman of Loch Arran\n\n"
        "For forty years, Angus MacRae has carried islanders across the water.\n\n"
        "Angus MacRae is untying the ropes before I have even stepped aboard. \"You'll want to hold on,\" he "
        "says, nodding at the grey swell.\n\n"
        "Back on the water, MacRae is quiet for a while. Then: \"I don't blame them.\""
    )
    speakers = _speakers(real_analyzer, text)
    assert speakers["You'll want to hold on,"] == "Angus MacRae"
    assert speakers["I don't blame them."] == "Angus MacRae"


def test_a_name_missing_from_the_lists_takes_the_gender_its_pronouns_give(real_analyzer: Any) -> None:
    # "Tavish" is in no list of given names: "his bookings" and "He has run" tell he is a
    # man, so "she said" goes past him to the councillor.
    text = (
        "Ferry bookings halve as bridge opens\n\n"
        "Helen Marsh, the ward councillor, said residents felt abandoned. Tavish Quill, who runs the ferry, "
        "said his bookings had halved since the bridge opened. He has run the crossing since 1998.\n\n"
        "“Nobody from the council has come to see us,” she said."
    )
    assert _speakers(real_analyzer, text) == {"Nobody from the council has come to see us,": "Helen Marsh"}


def test_according_to_an_unnamed_source_and_a_phrase_in_a_clause_about_a_person(real_analyzer: Any) -> None:
    text = (
        "Tax row deepens at town hall\n\n"
        "The mood in the chamber was “toxic”, according to one councillor.\n\n"
        "The deal was “done”, according to people familiar with the talks.\n\n"
        "The plan is “dead in the water”, according to sources close to the leader.\n\n"
        "In a letter to residents, the council leader, Gwen Farrow, apologised for the “painful” decision.\n\n"
        "Mark Dalton, the finance chief, did not reply. Dalton’s “no alternative” argument did not persuade "
        "the opposition."
    )
    assert _speakers(real_analyzer, text) == {
        "toxic": "councillor",
        "done": "people familiar with the talks",
        "dead in the water": "sources close to the leader",
        "painful": "Gwen Farrow",
        "no alternative": "Mark Dalton",
    }


def test_titles_inside_names_bodies_that_call_and_rulings(real_analyzer: Any) -> None:
    text = (
        "Ferry operator banned over safety failures\n\n"
        "Kettering Bay Harbourmaster Agnes Morrow said all passengers had been accounted for. She said: "
        "“Nobody was hurt, and that is what matters.”\n\n"
        "Cllr Ravi Pathak, the council’s transport lead, said: “We will review every licence.” He urged "
        "passengers to “keep reporting problems”.\n\n"
        "The skipper was taken to Bay General Hospital, where doctors said he was “stable and comfortable”.\n\n"
        "A licensing panel found the firm had ignored inspections in what it called a “reckless” pattern. "
        "Panel chairman Oliver Stroud said in a written ruling that the breaches were serious.\n\n"
        "“We cannot accept these explanations,” the ruling said.\n\n"
        "Stroud’s deputy, Colin Marsh, was not at the hearing. He said later he agreed with the decision.\n\n"
        "“It was the right call,” he said."
    )
    assert _speakers(real_analyzer, text) == {
        "Nobody was hurt, and that is what matters.": "Agnes Morrow",
        "We will review every licence.": "Ravi Pathak",
        "keep reporting problems": "Ravi Pathak",
        "stable and comfortable": "doctors",
        "reckless": "A licensing panel",
        "We cannot accept these explanations,": "Oliver Stroud",
        "It was the right call,": "Colin Marsh",
    }


def test_a_photo_credit_is_nobody_and_he_in_the_lede_is_its_unnamed_subject(real_analyzer: Any) -> None:
    text = (
        "Councillor suspended over WhatsApp message\n\n"
        "The Mill Lane community centre, where the meeting was held. Photograph: Simon Okafor/The Herald\n\n"
        "A councillor in Westby has been suspended by his party after he called local traders “parasites” "
        "in a group chat.\n\n"
        "Martin Greaves, who has represented the ward since 2015, said the message was private.\n\n"
        "“Fair enough,” Greaves says. Then, lowering his voice: “I will be back.”"
    )
    assert _speakers(real_analyzer, text) == {
        "parasites": "Martin Greaves",
        "Fair enough,": "Martin Greaves",
        "I will be back.": "Martin Greaves",
    }


def test_kin_sources_places_after_of_and_a_byline_block(real_analyzer: Any) -> None:
    text = (
        "Nurse struck off over falsified charts\n\n"
        "By Dana Whitcombe\ndwhitcombe@example.org\nPublished Oct. 4, 2025, 6:00 a.m. ET\n\n"
        "Marion Tate, 52, was struck off on Tuesday after a panel found she had made up patients’ readings.\n\n"
        "The family of one patient have asked not to be named. His daughter told reporters the decision "
        "brought “some closure”.\n\n"
        "“My dad was lying there with a fever and the chart said he was fine,” she said.\n\n"
        "City Councilmember Victor Estrada, who chairs the health committee, was less forgiving.\n\n"
        "He said he would ask for a review. “Somebody needs to explain this,” he said.\n\n"
        "Hamish Reid, 71, a retired postman from the village of Cressing Dale, was her last patient.\n\n"
        "“She was always kind to me,” he says."
    )
    assert _speakers(real_analyzer, text) == {
        "some closure": "His daughter",
        "My dad was lying there with a fever and the chart said he was fine,": "His daughter",
        "Somebody needs to explain this,": "Victor Estrada",
        "She was always kind to me,": "Hamish Reid",
    }


def test_headline_plurals_reported_speech_going_on_and_a_quoted_cross_head(real_analyzer: Any) -> None:
    text = (
        "Fuel shortage leaves pumps dry as retailers warn of ‘longest queues yet’\n\n"
        "Simon Gale, for the council, said: “The owner was told six times. He did nothing.”\n\n"
        "Club chairman Ian Pargeter confirmed that Rory Fensome would lead the side on Thursday. A permanent "
        "appointment will be made “over the winter, not in a rush”.\n\n"
        "Tenant Chantelle Dawes said she rang the owner every week. “Nobody ever came,” she said.\n\n"
        "‘HE DID NOTHING’\n\n"
        "The case continues."
    )
    got = _speakers(real_analyzer, text)
    assert got["longest queues yet"] == "retailers"
    assert got["over the winter, not in a rush"] == "Ian Pargeter"
    assert got["HE DID NOTHING"] == "Simon Gale"
    assert got["Nobody ever came,"] == "Chantelle Dawes"


def test_in_someones_view(real_analyzer: Any) -> None:
    text = (
        "Budget row\n\n"
        "Councillor Dafne Rutherford voted against the budget. The plan was, in Rutherford’s view, "
        "“doomed from the start”."
    )
    assert _speakers(real_analyzer, text) == {"doomed from the start": "Dafne Rutherford"}
