"""The demo community: how real young members write, warm and varied, and always safe to read.

No method details, no injuries, no numbers about self-harm or eating.
"""
from typing import NamedTuple


class Conversation(NamedTuple):
    board: str
    opening: tuple[str, str, str]  # (handle, title, body)
    replies: list[tuple[str, str]]  # (handle, body)


CONVERSATIONS = [
    Conversation(
        "introductions",
        ("quietfern", "hi, first post, kind of nervous",
         "hey everyone. i've been reading for a while without an account and finally made one.\n\n"
         "i'm in sixth form, i like drawing and really loud music, and i've been finding things hard "
         "since last year. not sure what to say really, just wanted to say hi."),
        [
            ("moth_and_lamp", "hi quietfern! welcome :) the first post is honestly the hardest bit, so well done. "
             "what kind of music? always looking for new stuff"),
            ("Sol-ace", "Welcome! Glad you made an account. No pressure to share anything until you're ready, "
             "lurking is allowed too."),
            ("quietfern", "thank you both, that's really kind. mostly pop punk and whatever my brother leaves on the car speaker lol"),
        ],
    ),
    Conversation(
        "introductions",
        ("tidepool_jay", "hello from a night owl",
         "Hi, I'm Jay (not my real name obviously). I work in a café and I'm trying to figure out "
         "university stuff. My counsellor suggested finding somewhere to talk to people who get it. "
         "So here I am!"),
        [
            ("paper_cranes", "Hi Jay! Your counsellor sounds like a good one. Night owls unite 🦉"),
        ],
    ),
    Conversation(
        "coping",
        ("Sol-ace", "What do you do when the urges come at night?",
         "Nights are the hardest for me. Daytime I can keep busy, but when everyone's asleep it gets loud in my head. "
         "What helps you get through? I'll start: I keep a playlist of songs that calm me down and I text my "
         "cousin, who said I can always message her."),
        [
            ("moth_and_lamp", "holding an ice cube or splashing cold water on my face. sounds weird but it kind of resets me"),
            ("paper_cranes", "I write everything down in a notes app and then delete it. Getting it out of my head helps. "
             "Also Shout (text line) has helped me a couple of times when it was really bad."),
            ("tidepool_jay", "Guided breathing videos! The square breathing one. I used to think it was silly but it does slow me down."),
            ("Sol-ace", "These are really good, thank you. Going to try the writing-then-deleting one tonight."),
        ],
    ),
    Conversation(
        "coping",
        ("paper_cranes", "grounding trick that actually works for me",
         "When I start spiralling I do the 5-4-3-2-1 thing: five things I can see, four I can touch, three I can hear, "
         "two I can smell, one I can taste. It pulls me back into the room.\n\n"
         "Anyone else have grounding stuff? Would be nice to have a list."),
        [
            ("quietfern", "i do something similar but with colours, like find everything blue in the room. it's a bit of a game"),
            ("river_otter", "Stroking my dog and focusing on how her fur feels. She is the best coping strategy I have honestly"),
        ],
    ),
    Conversation(
        "recovery",
        ("moth_and_lamp", "small win: i told my mum",
         "i finally told my mum what's been going on. i was so scared she'd be angry but she just hugged me "
         "and we're going to the GP together next week. i feel lighter than i have in ages."),
        [
            ("Sol-ace", "That takes so much courage. I'm really proud of you, and so glad she listened."),
            ("river_otter", "This made me smile so much. Well done you 💛"),
            ("tidepool_jay", "Huge! Let us know how the GP goes if you want to."),
        ],
    ),
    Conversation(
        "recovery",
        ("river_otter", "a good week, for once",
         "Went to every lesson this week, ate lunch with friends instead of hiding in the library, and used my coping "
         "box instead of doing anything I'd regret. Not perfect but it's the best week I've had in a long time."),
        [
            ("paper_cranes", "Not perfect is still a really good week. Proud of you!"),
        ],
    ),
    Conversation(
        "hard-time",
        ("tidepool_jay", "results day was rough",
         "Exam results came out and I missed the grades for my first-choice course. I know there are other options "
         "but today it feels huge. I've mostly stayed in bed watching videos. Feeling flat and disappointed."),
        [
            ("Sol-ace", "I'm sorry, that's such a horrible feeling after all that work. It's okay to be sad about it. "
             "Is there someone at home you can be around today, even just watching TV together?"),
            ("quietfern", "sending you a hug. results don't decide what you're worth. there are always other routes, "
             "my cousin did a foundation year and loves it"),
            ("tidepool_jay", "Thank you. My flatmate made me toast and we're watching a baking show. Helping a bit."),
        ],
    ),
    Conversation(
        "creative",
        ("quietfern", "drew the sea from memory",
         "It's all blues and greys and one little boat with a yellow light. I've called it 'harbour', which felt "
         "right for here. Drawing is the one time my brain goes quiet."),
        [
            ("moth_and_lamp", "the little yellow light!! i love that. it sounds so peaceful"),
        ],
    ),
    Conversation(
        "off-topic",
        ("river_otter", "pet photo thread (described, since no pictures)",
         "My dog is currently asleep upside down with her tongue slightly out. Tell me what your pets are up to."),
        [
            ("paper_cranes", "My cat is sitting on my homework. Again. I think she wants me to fail maths."),
            ("tidepool_jay", "No pets but the café has a regular pigeon we've named Gregory. He is thriving."),
            ("Sol-ace", "Gregory the pigeon is the content I needed today."),
        ],
    ),
]
